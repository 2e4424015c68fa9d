import { withOrg } from '@berth/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../api-harness.js';
import {
  addCheckResult,
  addContainerGroup,
  type Caller,
  call,
  createFleetWorld,
  ensurePartitions,
  type FleetWorld,
  ownerRows,
} from '../fleet/fleet-world.js';
import { parseExposition, samplesOf } from './parse-exposition.js';
import {
  addContainer,
  addFiringAlert,
  addHost,
  addHostSample,
  addQuietRule,
  addSampledContainer,
  type SampledContainer,
} from './prometheus-world.js';

const URL = '/api/v1/metrics/prometheus';
/** What Prometheus 2.x sends. */
const PROMETHEUS_ACCEPT =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

let harness: TestApi;
let world: FleetWorld;
let other: FleetWorld;
let rackA: string;
let rackB: string;
let web: SampledContainer;
let db: SampledContainer;
let groupId: string;
let dbCheckId: string;
const certExpiresAt = new Date('2027-03-01T12:00:00.000Z');
const groupName = `prom-group-${Date.now().toString(36)}`;

const scrape = (caller: Caller, query = '', headers: Record<string, string> = {}) =>
  call(harness, 'GET', `${URL}${query}`, { ...caller, ...headers });

beforeAll(async () => {
  harness = await startTestApi();
  await ensurePartitions(harness.database);
  world = await createFleetWorld(harness.database);
  other = await createFleetWorld(harness.database);
  rackA = await addHost(harness.database, world.orgId, {
    name: 'rack "A"\\1\nsecond',
    labels: { rack: 'a' },
  });
  rackB = await addHost(harness.database, world.orgId, { name: 'rack-b', labels: { rack: 'b' } });
  web = await addSampledContainer(harness.database, world.orgId, rackA, {
    name: 'web',
    image: 'nginx:"1.27"',
  });
  db = await addSampledContainer(harness.database, world.orgId, rackB, {
    name: 'db',
    cpuPct: 150,
    memBytes: 2e9,
    cpuSeconds: 4321.987654321,
  });
  // Stale: its only sample is older than Prometheus's lookback, so it has no readings.
  await addSampledContainer(harness.database, world.orgId, rackB, { name: 'stale', ageMs: 10 * 60_000 });
  await addContainer(harness.database, world.orgId, rackB, { name: 'gone', removed: true });
  await addHostSample(
    harness.database,
    { orgId: world.orgId, hostId: rackA, ts: new Date(Date.now() - 15_000) },
    [
      { mount: '/', used: 40, total: 100 },
      { mount: '/var/lib/docker', used: 10, total: 50 },
    ],
  );
  await addFiringAlert(harness.database, world.orgId);
  await addQuietRule(harness.database, world.orgId, 'quiet "rule"');
  // db's health check: an older run up, the newest down over TLS; a second check gone stale.
  await addCheckResult(harness.database, world.orgId, rackB, 'db', { secondsAgo: 90 });
  dbCheckId = await addCheckResult(harness.database, world.orgId, rackB, 'db', {
    secondsAgo: 30,
    status: 'down',
    latencyMs: 2500,
    error: 'status 503',
    certExpiresAt,
  });
  await addCheckResult(harness.database, world.orgId, rackB, 'db', { name: 'old', secondsAgo: 600 });
  groupId = await addContainerGroup(harness.database, world.orgId, [{ hostId: rackB, containerName: 'db' }], {
    name: groupName,
  });
  const otherHost = await addHost(harness.database, other.orgId);
  await addSampledContainer(harness.database, other.orgId, otherHost, { name: 'other-org-secret' });
  await addCheckResult(harness.database, other.orgId, otherHost, 'other-org-secret', {
    name: 'secret-check',
  });
});
afterAll(() => harness?.stop());

describe('GET /api/v1/metrics/prometheus', () => {
  it('answers the 0.0.4 text format with cAdvisor names, the sample time, and the container endpoint values', async () => {
    const response = await scrape(world.viewerToken);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const parsed = parseExposition(response.body);
    expect(parsed.types.get('container_network_receive_bytes_total')).toBe('counter');
    expect(parsed.types.get('container_memory_working_set_bytes')).toBe('gauge');
    expect(parsed.help.get('node_load1')).toBe('1m load average.');

    const detail = (
      await call(harness, 'GET', `/api/v1/hosts/${rackB}/containers/${db.shortId}`, world.viewerToken)
    ).json();
    const [memory] = samplesOf(parsed, 'container_memory_working_set_bytes', { name: 'db' });
    expect(memory?.labels).toEqual({
      name: 'db',
      image: 'nginx:1.27',
      id: `/docker/${detail.dockerId}`,
      host: 'rack-b',
      instance: 'rack-b',
    });
    expect(memory?.value).toBe(detail.latest.memBytes);
    expect(memory?.timestamp).toBe(Date.parse(detail.latest.ts));
    expect(samplesOf(parsed, 'berth_container_cpu_percent', { name: 'db' })[0]?.value).toBe(
      detail.latest.cpuPct,
    );
    const value = (name: string) => samplesOf(parsed, name, { name: 'db' })[0]?.value;
    expect(value('container_spec_memory_limit_bytes')).toBe(1_073_741_824);
    expect(value('container_network_receive_bytes_total')).toBe(1000);
    expect(value('container_network_transmit_bytes_total')).toBe(2000);
    expect(value('container_fs_reads_bytes_total')).toBe(3000);
    expect(value('container_fs_writes_bytes_total')).toBe(4000);
    expect(value('container_processes')).toBe(7);
    expect(value('container_last_seen')).toBe(Math.floor(Date.parse(detail.latest.ts) / 1000));
    expect(value('berth_container_up')).toBe(1);
    expect(value('berth_container_restarts_total')).toBe(3);
    expect(samplesOf(parsed, 'berth_container_health', { name: 'db' })).toMatchObject([
      { labels: { state: 'healthy' }, value: 1 },
    ]);
    // Inventory series carry no timestamp: Prometheus stamps them with the scrape and marks them stale.
    expect(samplesOf(parsed, 'berth_container_up', { name: 'db' })[0]?.timestamp).toBeUndefined();
    expect(samplesOf(parsed, 'berth_alerts_firing')).toMatchObject([{ value: 1 }]);
  });

  it("exports the agent's cumulative CPU seconds as cAdvisor's counter, and no series for an older agent's sample", async () => {
    const parsed = parseExposition((await scrape(world.viewerToken)).body);
    expect(parsed.types.get('container_cpu_usage_seconds_total')).toBe('counter');
    const detail = (
      await call(harness, 'GET', `/api/v1/hosts/${rackB}/containers/${db.shortId}`, world.viewerToken)
    ).json();
    const [cpu] = samplesOf(parsed, 'container_cpu_usage_seconds_total', { name: 'db' });
    expect(cpu).toEqual({
      name: 'container_cpu_usage_seconds_total',
      labels: {
        name: 'db',
        image: 'nginx:1.27',
        id: `/docker/${detail.dockerId}`,
        host: 'rack-b',
        instance: 'rack-b',
      },
      value: 4321.987654321,
      timestamp: Date.parse(detail.latest.ts),
    });
    // web's sample came without the field (an agent before it): no made-up counter.
    expect(samplesOf(parsed, 'container_cpu_usage_seconds_total', { name: web.name })).toEqual([]);
    expect(samplesOf(parsed, 'container_memory_working_set_bytes', { name: web.name })).toHaveLength(1);
  });

  it('exports firing alerts per rule and severity, 0 for an enabled rule with none firing', async () => {
    const parsed = parseExposition((await scrape(world.viewerToken)).body);
    expect(parsed.types.get('berth_rule_alerts_firing')).toBe('gauge');
    expect(samplesOf(parsed, 'berth_rule_alerts_firing')).toEqual([
      {
        name: 'berth_rule_alerts_firing',
        labels: { rule: 'cpu high', rule_id: expect.any(String), severity: 'warning' },
        value: 1,
      },
      {
        name: 'berth_rule_alerts_firing',
        labels: { rule: 'quiet "rule"', rule_id: expect.any(String), severity: 'critical' },
        value: 0,
      },
    ]);
  });

  it("exports each health check's newest fresh run: up, duration, certificate expiry", async () => {
    const parsed = parseExposition((await scrape(world.viewerToken)).body);
    const labels = {
      check: 'default',
      check_id: dbCheckId,
      name: 'db',
      host: 'rack-b',
      instance: 'rack-b',
      kind: 'http',
    };
    const [newest] = await ownerRows<{ ms: number }>(
      harness.database,
      `SELECT (extract(epoch FROM max(ts)) * 1000)::float8 AS ms FROM check_results WHERE check_id = $1::uuid`,
      dbCheckId,
    );
    const timestamp = Math.round(newest?.ms ?? Number.NaN);
    expect(samplesOf(parsed, 'berth_check_up')).toEqual([
      { name: 'berth_check_up', labels, value: 0, timestamp },
    ]);
    expect(samplesOf(parsed, 'berth_check_duration_seconds')).toEqual([
      { name: 'berth_check_duration_seconds', labels, value: 2.5, timestamp },
    ]);
    expect(samplesOf(parsed, 'berth_check_certificate_expiry_timestamp_seconds')).toEqual([
      {
        name: 'berth_check_certificate_expiry_timestamp_seconds',
        labels,
        value: certExpiresAt.getTime() / 1000,
        timestamp,
      },
    ]);
    // The stale check ('old', 10 min) is past Prometheus's lookback: not exported.
    expect(parsed.types.get('berth_check_up')).toBe('gauge');
    expect(samplesOf(parsed, 'berth_check_up', { check: 'old' })).toEqual([]);
    // Filters apply to checks as to their containers.
    const checksOf = async (query: string) =>
      samplesOf(parseExposition((await scrape(world.viewerToken, query)).body), 'berth_check_up').map(
        (sample) => sample.labels.name,
      );
    expect(await checksOf(`?group=${groupId}`)).toEqual(['db']);
    expect(await checksOf('?host_label=rack=a')).toEqual([]);
  });

  it("exports each checked container's image update verdict: 1 outdated, 0 current, none unchecked", async () => {
    const current = `sha256:${'d'.repeat(64)}`;
    await ownerRows(
      harness.database,
      `UPDATE containers SET image_platform = 'linux/amd64',
         repo_digests = CASE name WHEN 'web' THEN ARRAY['nginx@sha256:' || repeat('e', 64)]
                                  ELSE ARRAY['nginx@' || $2] END
       WHERE org_id = $1::uuid AND name IN ('web', 'db')`,
      world.orgId,
      current,
    );
    await ownerRows(
      harness.database,
      `INSERT INTO image_update_checks (org_id, image, platform, status, remote_digest, checked_at)
       SELECT DISTINCT $1::uuid, image, 'linux/amd64', 'update_available', $2, now()
       FROM containers WHERE org_id = $1::uuid AND name IN ('web', 'db')`,
      world.orgId,
      current,
    );
    const parsed = parseExposition((await scrape(world.viewerToken)).body);
    expect(parsed.types.get('berth_container_update_available')).toBe('gauge');
    expect(
      samplesOf(parsed, 'berth_container_update_available').map((sample) => [
        sample.labels.name,
        sample.value,
      ]),
    ).toEqual([
      ['web', 1],
      ['db', 0],
    ]);
    expect(samplesOf(parsed, 'berth_container_update_available', { name: 'web' })[0]?.labels).toEqual({
      name: 'web',
      image: 'nginx:"1.27"',
      host: 'rack "A"\\1\nsecond',
      instance: 'rack "A"\\1\nsecond',
    });
    const theirs = parseExposition((await scrape(other.viewerToken)).body);
    expect(samplesOf(theirs, 'berth_container_update_available')).toEqual([]);
  });

  it('exports node-exporter host metrics and filesystems by mountpoint', async () => {
    const parsed = parseExposition((await scrape(world.viewerToken)).body);
    const host = { host_id: rackA };
    expect(samplesOf(parsed, 'node_load5', host)[0]?.value).toBe(0.75);
    expect(samplesOf(parsed, 'node_load15', host)[0]?.value).toBe(1.25);
    expect(samplesOf(parsed, 'node_memory_MemTotal_bytes', host)[0]?.value).toBe(8e9);
    expect(samplesOf(parsed, 'node_memory_MemAvailable_bytes', host)[0]?.value).toBe(5e9);
    expect(samplesOf(parsed, 'node_memory_SwapFree_bytes', host)[0]?.value).toBe(900);
    expect(samplesOf(parsed, 'berth_host_cpu_percent', host)[0]?.value).toBe(12.5);
    expect(samplesOf(parsed, 'berth_host_up', host)[0]?.value).toBe(1);
    expect(
      samplesOf(parsed, 'node_filesystem_free_bytes', host).map((s) => [s.labels.mountpoint, s.value]),
    ).toEqual([
      ['/', 60],
      ['/var/lib/docker', 40],
    ]);
    expect(samplesOf(parsed, 'node_filesystem_size_bytes', { mountpoint: '/' })[0]?.value).toBe(100);
    // rack-b has no host sample: only its inventory series.
    expect(samplesOf(parsed, 'berth_host_up', { host_id: rackB })).toHaveLength(1);
    expect(samplesOf(parsed, 'node_load1', { host_id: rackB })).toHaveLength(0);
  });

  it('escapes backslashes, quotes and newlines in label values', async () => {
    const response = await scrape(world.viewerToken);
    expect(response.body).toContain('host="rack \\"A\\"\\\\1\\nsecond"');
    expect(response.body).toContain('image="nginx:\\"1.27\\""');
    const parsed = parseExposition(response.body);
    expect(
      samplesOf(parsed, 'container_memory_working_set_bytes', { name: web.name })[0]?.labels,
    ).toMatchObject({
      host: 'rack "A"\\1\nsecond',
      image: 'nginx:"1.27"',
    });
  });

  it('exports no readings of a stale container and nothing of a removed one, but the stale one is up', async () => {
    const parsed = parseExposition((await scrape(world.viewerToken)).body);
    expect(samplesOf(parsed, 'container_memory_working_set_bytes', { name: 'stale' })).toHaveLength(0);
    expect(samplesOf(parsed, 'berth_container_up', { name: 'stale' })).toMatchObject([{ value: 1 }]);
    expect(parsed.samples.filter((sample) => sample.labels.name === 'gone')).toEqual([]);
  });

  it("answers OpenMetrics 1.0 to Prometheus's Accept header: family names without _total, seconds, # EOF", async () => {
    const response = await scrape(world.viewerToken, '', { accept: PROMETHEUS_ACCEPT });
    expect(response.headers['content-type']).toBe(
      'application/openmetrics-text; version=1.0.0; charset=utf-8',
    );
    expect(response.body.endsWith('# EOF\n')).toBe(true);
    expect(response.body).toContain('# TYPE container_network_receive_bytes counter\n');
    expect(response.body).not.toContain('# TYPE container_network_receive_bytes_total');
    const parsed = parseExposition(response.body);
    const [memory] = samplesOf(parsed, 'container_memory_working_set_bytes', { name: 'db' });
    const plain = samplesOf(
      parseExposition((await scrape(world.viewerToken)).body),
      'container_memory_working_set_bytes',
      {
        name: 'db',
      },
    );
    expect(memory?.timestamp).toBe((plain[0]?.timestamp ?? 0) / 1000);
    expect(samplesOf(parsed, 'container_network_receive_bytes_total', { name: 'db' })).toHaveLength(1);
  });

  it('keeps the text format when text/plain is preferred', async () => {
    const response = await scrape(world.viewerToken, '', {
      accept: 'text/plain;version=0.0.4;q=1,application/openmetrics-text;q=0.5',
    });
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(response.body).not.toContain('# EOF');
  });

  it('filters by host label, host id and group (by id and by name)', async () => {
    const names = async (query: string) => {
      const response = await scrape(world.viewerToken, query);
      expect(response.statusCode, response.body).toBe(200);
      const parsed = parseExposition(response.body);
      return {
        containers: samplesOf(parsed, 'berth_container_up')
          .map((sample) => sample.labels.name)
          .sort(),
        hosts: samplesOf(parsed, 'berth_host_up').map((sample) => sample.labels.host_id),
      };
    };
    expect(await names('?host_label=rack=a')).toEqual({ containers: ['web'], hosts: [rackA] });
    expect(await names(`?host=${rackB}`)).toEqual({ containers: ['db', 'stale'], hosts: [rackB] });
    expect(await names(`?group=${groupId}`)).toEqual({ containers: ['db'], hosts: [rackB] });
    expect(await names(`?group=${encodeURIComponent(groupName)}`)).toEqual({
      containers: ['db'],
      hosts: [rackB],
    });
    expect(await names('?host_label=rack=a&host_label=rack=b')).toEqual({ containers: [], hosts: [] });
  });

  it('refuses an unknown group and a malformed filter, naming the field', async () => {
    const unknown = await scrape(world.viewerToken, '?group=no-such-group');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('group');
    const bad = await scrape(world.viewerToken, '?host=not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('host');
  });

  it('answers 401 without a token and with a revoked or made-up one', async () => {
    expect((await scrape({})).statusCode).toBe(401);
    expect((await scrape({ authorization: `Bearer berth_api_${'x'.repeat(40)}` })).statusCode).toBe(401);
  });

  it("another organisation's token sees none of this organisation's series", async () => {
    const response = await scrape(other.viewerToken);
    expect(response.statusCode).toBe(200);
    const parsed = parseExposition(response.body);
    expect(samplesOf(parsed, 'berth_container_up').map((sample) => sample.labels.name)).toEqual([
      'other-org-secret',
    ]);
    for (const leaked of ['web', 'db', 'rack-b', rackA, rackB])
      expect(response.body).not.toContain(`"${leaked}"`);
    expect(samplesOf(parsed, 'berth_alerts_firing')).toMatchObject([{ value: 0 }]);
    expect(samplesOf(parsed, 'berth_rule_alerts_firing')).toEqual([]);
    expect(response.body).not.toContain('cpu high');
    expect(samplesOf(parsed, 'berth_check_up').map((sample) => sample.labels.name)).toEqual([
      'other-org-secret',
    ]);
    expect(samplesOf(parsed, 'berth_check_up', { name: 'db' })).toEqual([]);
    // And this organisation never sees the other's check.
    expect((await scrape(world.viewerToken)).body).not.toContain('secret-check');
    // Its host id as a filter is just another org's host: nothing.
    const probing = parseExposition((await scrape(other.viewerToken, `?host=${rackB}`)).body);
    expect(samplesOf(probing, 'berth_container_up')).toEqual([]);
  });

  it("counts a rule's firing alerts as the member may see them: about no host or a host of their team", async () => {
    const viewer = (await call(harness, 'GET', '/api/v1/me', world.callers.viewer)).json().userId as string;
    await withOrg(harness.database.db, world.orgId, async (tx) => {
      const rule = await tx.alertRule.create({
        data: {
          orgId: world.orgId,
          name: 'disk full',
          kind: 'host_metric',
          params: {},
          severity: 'critical',
        },
      });
      const now = new Date();
      for (const [key, hostId] of [
        ['a', rackA],
        ['b', rackB],
        ['none', null],
      ] as const)
        await tx.alert.create({
          data: {
            orgId: world.orgId,
            ruleId: rule.id,
            fingerprint: `disk-full-${key}-${rule.id}`,
            state: 'firing',
            severity: 'critical',
            hostId,
            summary: 'disk full',
            pendingSince: now,
            firedAt: now,
            lastTrueAt: now,
          },
        });
      // The viewer (a user, not the org's API token) belongs to a team limited to rack=a.
      const team = await tx.team.create({
        data: { orgId: world.orgId, name: `rack-a-${Date.now().toString(36)}`, hostSelector: { rack: 'a' } },
      });
      await tx.teamMember.create({ data: { orgId: world.orgId, teamId: team.id, userId: viewer } });
    });
    const diskFull = async (caller: Caller) =>
      samplesOf(parseExposition((await scrape(caller)).body), 'berth_rule_alerts_firing', {
        rule: 'disk full',
      }).map((sample) => sample.value);
    expect(await diskFull(world.viewerToken)).toEqual([3]);
    expect(await diskFull(world.callers.viewer)).toEqual([2]);
  });
});

describe('the series cap', () => {
  let capped: TestApi;
  beforeAll(async () => {
    capped = await startTestApi(harness.database, { prometheusMaxSeries: 40 });
  });
  afterAll(() => capped?.stop());

  it('answers 422 naming the cap and the count, suggesting filters; a filtered shard under it passes', async () => {
    const over = await call(capped, 'GET', URL, world.viewerToken);
    expect(over.statusCode).toBe(422);
    const error = over.json().error;
    expect(error.code).toBe('unprocessable');
    expect(error.details).toMatchObject({ cap: 40, series: expect.any(Number) });
    expect(error.details.series).toBeGreaterThan(40);
    expect(error.message).toContain('40');
    expect(error.message).toContain('host_label');
    const shard = await call(capped, 'GET', `${URL}?host=${rackA}`, world.viewerToken);
    expect(shard.statusCode, shard.body).toBe(200);
  });
});
