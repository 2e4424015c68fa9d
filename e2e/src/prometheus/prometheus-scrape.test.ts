import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { issueSecret, withOrg } from '@berth/db';
import { createTestDatabase, seedOrg, type TestDatabase } from '@berth/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ListeningApi, startListeningApi } from '../oidc/listening-api.js';
import { DEFAULT_PROMETHEUS_BINARY, prometheusProblem } from './prometheus-binary.js';
import { type RunningPrometheus, startPrometheus } from './start-prometheus.js';

const binary = process.env.BERTH_PROMETHEUS_BINARY ?? DEFAULT_PROMETHEUS_BINARY;
const problem = prometheusProblem(binary);
if (problem) console.warn(`Prometheus scrape e2e skipped: ${problem}`);

const AUTH_SECRET = 'e2e-prometheus-secret-0123456789abcdef0123';
/** alpha's container as its agent reported it: 1,234.5 s of CPU in its first sample. */
const ALPHA_CPU_SECONDS = 1234.5;
type Org = {
  orgId: string;
  hostId: string;
  token: string;
  shortId: string;
  name: string;
  /** When its one sample was taken (whole ms, as Prometheus stores it). */
  sampledAt: number;
};

describe.skipIf(problem !== undefined)(
  `a real Prometheus scrapes the org endpoint with an API token${problem ? ` (skipped: ${problem})` : ''}`,
  () => {
    let database: TestDatabase;
    let api: ListeningApi;
    let prometheus: RunningPrometheus;
    let alpha: Org;
    let beta: Org;

    beforeAll(async () => {
      const logDir = await mkdtemp(path.join(tmpdir(), 'berth-e2e-prometheus-'));
      database = await createTestDatabase();
      await owner(database, 'SELECT count(*) FROM berth_maintenance.maintain_partitions()');
      alpha = await orgWithSampledContainer(database, 'alpha-web', {
        cpuPct: 42.5,
        memBytes: 73_400_320,
        cpuSeconds: ALPHA_CPU_SECONDS,
      });
      beta = await orgWithSampledContainer(database, 'beta-db', { cpuPct: 7.25, memBytes: 12_582_912 });
      api = await startListeningApi({
        databaseUrl: database.appUrl,
        authSecret: AUTH_SECRET,
        consoleOrigin: 'http://console.berth.test',
      });
      const target = `${api.url}/api/v1/metrics/prometheus`;
      prometheus = await startPrometheus(
        binary,
        [
          { name: 'berth-alpha', target, token: alpha.token },
          { name: 'berth-beta', target, token: beta.token },
        ],
        logDir,
      );
    });

    afterAll(async () => {
      await prometheus?.process.stop();
      await api?.close();
      await database?.drop();
    });

    it("PromQL returns the container's memory and CPU as the API's container endpoint shows them", async () => {
      const detail = (await (
        await fetch(`${api.url}/api/v1/hosts/${alpha.hostId}/containers/${alpha.shortId}`, {
          headers: { authorization: `Bearer ${alpha.token}` },
        })
      ).json()) as { latest: { memBytes: number; cpuPct: number } };
      await expect
        .poll(() => prometheus.query(`container_memory_working_set_bytes{name="${alpha.name}"}`), {
          timeout: 30_000,
        })
        .toHaveLength(1);
      const [memory] = await prometheus.query(`container_memory_working_set_bytes{name="${alpha.name}"}`);
      expect(Number(memory?.value[1])).toBe(detail.latest.memBytes);
      expect(memory?.metric).toMatchObject({
        job: 'berth-alpha',
        image: 'busybox:1.36',
        host: `host-${alpha.orgId.slice(0, 8)}`,
      });
      const [cpu] = await prometheus.query(`berth_container_cpu_percent{name="${alpha.name}"}`);
      expect(Number(cpu?.value[1])).toBe(detail.latest.cpuPct);
      const [up] = await prometheus.query('up{job="berth-alpha"}');
      expect(up?.value[1]).toBe('1');
    });

    it("another org's token sees none of this org's series", async () => {
      await expect
        .poll(() => prometheus.query('berth_container_up{job="berth-beta"}'), { timeout: 30_000 })
        .toHaveLength(1);
      const seenByBeta = await prometheus.query('{job="berth-beta", name!=""}');
      expect(new Set(seenByBeta.map((series) => series.metric.name))).toEqual(new Set([beta.name]));
      expect(await prometheus.query(`{job="berth-beta", name="${alpha.name}"}`)).toEqual([]);
      expect(await prometheus.query(`{job="berth-beta", host_id="${alpha.hostId}"}`)).toEqual([]);
    });

    it("container_cpu_usage_seconds_total is the agent's counter, and rate() over two samples is its slope", async () => {
      const counter = `container_cpu_usage_seconds_total{name="${alpha.name}"}`;
      await expect
        .poll(async () => (await prometheus.query(counter)).map((series) => Number(series.value[1])), {
          timeout: 30_000,
        })
        .toEqual([ALPHA_CPU_SECONDS]);
      const [first] = await prometheus.query(counter);
      expect(first?.metric).toMatchObject({
        job: 'berth-alpha',
        image: 'busybox:1.36',
        id: expect.stringMatching(/^\/docker\/[0-9a-f]{64}$/),
      });
      // beta's agent predates the field: no counter, rather than a made-up one.
      expect(await prometheus.query(`container_cpu_usage_seconds_total{name="${beta.name}"}`)).toEqual([]);

      // The agent's next sample, now: a quarter of a core busy since the first one.
      const sampledAt = Date.now();
      const seconds = ALPHA_CPU_SECONDS + ((sampledAt - alpha.sampledAt) / 1000) * 0.25;
      await owner(
        database,
        `INSERT INTO container_samples VALUES ($1, $2, $3, $4::timestamptz, 42.5, 73400320, 268435456, 1000, 2000, 3000, 4000, 3, $5)`,
        [alpha.orgId, alpha.hostId, alpha.shortId, new Date(sampledAt).toISOString(), seconds],
      );
      await expect
        .poll(async () => (await prometheus.query(counter)).map((series) => Number(series.value[1])), {
          timeout: 30_000,
        })
        .toEqual([seconds]);
      // irate: the slope between the last two samples, exactly (rate() extrapolates to the window's edges).
      const [slope] = await prometheus.query(`irate(${counter}[5m])`);
      expect(Number(slope?.value[1])).toBeCloseTo(0.25, 9);
      const [rate] = await prometheus.query(`sum by (name) (rate(${counter}[5m]))`);
      expect(Number(rate?.value[1])).toBeGreaterThan(0);
    });

    it('a cAdvisor-style dashboard query works unchanged', async () => {
      const result = await prometheus.query(
        'sum by (name) (container_memory_working_set_bytes{name=~".+"}) / sum by (name) (container_spec_memory_limit_bytes{name=~".+"})',
      );
      const ratios = Object.fromEntries(
        result.map((series) => [series.metric.name, Number(series.value[1])]),
      );
      expect(ratios[alpha.name]).toBeCloseTo(73_400_320 / 268_435_456, 9);
      expect(ratios[beta.name]).toBeCloseTo(12_582_912 / 268_435_456, 9);
    });
  },
);

/** An org with one running container, one raw sample 5 s old, and a viewer API token. */
async function orgWithSampledContainer(
  database: TestDatabase,
  name: string,
  reading: { cpuPct: number; memBytes: number; cpuSeconds?: number },
): Promise<Org> {
  const org = await seedOrg(database.db);
  const dockerId = `${org.orgId.replaceAll('-', '')}${org.hostId.replaceAll('-', '')}`;
  const shortId = dockerId.slice(0, 12);
  const token = issueSecret('api');
  await withOrg(database.db, org.orgId, async (tx) => {
    await tx.host.update({ where: { id: org.hostId }, data: { status: 'online' } });
    await tx.container.create({
      data: {
        hostId: org.hostId,
        shortId,
        orgId: org.orgId,
        dockerId,
        name,
        image: 'busybox:1.36',
        imageId: 'sha256:1',
        state: 'running',
        createdAt: new Date(),
      },
    });
    await tx.apiToken.create({
      data: {
        orgId: org.orgId,
        name: 'prometheus',
        prefix: token.prefix,
        tokenHash: token.hash,
        role: 'viewer',
      },
    });
  });
  const sampledAt = Date.now() - 5_000;
  // cpu_seconds NULL without one: the sample of an agent that predates the field.
  await owner(
    database,
    `INSERT INTO container_samples VALUES ($1, $2, $3, $4::timestamptz, $5, $6, 268435456, 1000, 2000, 3000, 4000, 3, $7)`,
    [
      org.orgId,
      org.hostId,
      shortId,
      new Date(sampledAt).toISOString(),
      reading.cpuPct,
      reading.memBytes,
      reading.cpuSeconds ?? null,
    ],
  );
  return { orgId: org.orgId, hostId: org.hostId, token: token.secret, shortId, name, sampledAt };
}

async function owner(database: TestDatabase, sql: string, params: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: database.adminUrl });
  await client.connect();
  try {
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}
