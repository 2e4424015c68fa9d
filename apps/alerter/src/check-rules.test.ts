import { createHash } from 'node:crypto';
import { publishOrgEvent } from '@berth/bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAlerter, type TestAlerter } from './test/alerter-harness.js';
import { type Fixtures, fixtures } from './test/fixtures.js';

let t: TestAlerter;
let f: Fixtures;

beforeAll(async () => {
  t = await startTestAlerter({ settings: { passMs: 0 } });
  f = fixtures(t.database);
});
afterAll(async () => {
  await t?.stop();
});

const ago = (ms: number) => new Date(t.clock.now().getTime() - ms);

type Run = {
  status?: 'up' | 'pending' | 'down';
  latencyMs?: number;
  slow?: boolean;
  certExpiresAt?: Date | null;
  certExpiring?: boolean;
  error?: string | null;
};

/** One run as the gateway writes it: the check id derived from host, container and check name. */
async function run(
  orgId: string,
  hostId: string,
  container: string,
  check: string,
  at: Date,
  fields: Run = {},
): Promise<void> {
  const hex = createHash('md5').update(`${hostId}\u0000${container}\u0000${check}`).digest('hex');
  const checkId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  await f.inOrg(orgId, (c) =>
    c.query(
      `INSERT INTO check_results (org_id, host_id, check_id, container_name, check_name, kind, ts, status, latency_ms,
                                  slow, cert_expires_at, cert_expiring, error, target)
       VALUES ($1, $2, $3, $4, $5, 'http', $6, $7, $8, $9, $10, $11, $12, 'http://10.0.0.2/health')`,
      [
        orgId,
        hostId,
        checkId,
        container,
        check,
        at,
        fields.status ?? 'up',
        fields.latencyMs ?? 12,
        fields.slow ?? false,
        fields.certExpiresAt ?? null,
        fields.certExpiring ?? false,
        fields.error ?? null,
      ],
    ),
  );
}

describe('check rules', () => {
  it('down: fires once on the down run, stays one alert across repeated downs, resolves when up', async () => {
    const { orgId, hostId } = await f.org();
    await f.container(orgId, hostId, { name: 'web' });
    const ruleId = await f.rule(orgId, { kind: 'check', params: { on: 'down' } });

    // A pending run is a failure the agent's retries have not confirmed: no alert yet.
    await run(orgId, hostId, 'web', 'default', ago(20_000), { status: 'pending', error: 'HTTP 503' });
    await t.alerter.evaluate(orgId, [hostId]);
    expect(await f.alerts(orgId, ruleId)).toEqual([]);

    await run(orgId, hostId, 'web', 'default', ago(10_000), { status: 'down', error: 'HTTP 503' });
    const fired = await t.alerter.evaluate(orgId, [hostId]);
    expect(fired.map((x) => [x.alert.container_name, x.alert.labels.check, x.to])).toEqual([
      ['web', 'default', 'firing'],
    ]);
    expect(fired[0]?.alert.summary).toBe(
      `Check default of web on host-${orgId.slice(0, 6)} is down: HTTP 503`,
    );

    for (let i = 0; i < 3; i++) {
      t.clock.advance(10_000);
      await run(orgId, hostId, 'web', 'default', ago(1_000), { status: 'down', error: 'timeout' });
      expect(await t.alerter.evaluate(orgId, [hostId])).toEqual([]);
    }
    expect((await f.alerts(orgId, ruleId)).map((a) => a.state)).toEqual(['firing']);

    t.clock.advance(10_000);
    await run(orgId, hostId, 'web', 'default', ago(1_000), { status: 'up' });
    const resolved = await t.alerter.evaluate(orgId, [hostId]);
    expect(resolved.map((x) => x.to)).toEqual(['resolved']);
    expect((await f.alerts(orgId, ruleId)).map((a) => a.state)).toEqual(['resolved']);
  });

  it('evaluates on the gateway’s checks event', async () => {
    const { orgId, hostId } = await f.org();
    await f.container(orgId, hostId, { name: 'api' });
    const ruleId = await f.rule(orgId, { kind: 'check', params: { on: 'down' } });
    await run(orgId, hostId, 'api', 'ready', ago(1_000), { status: 'down', error: 'connection refused' });
    await publishOrgEvent(t.bus, orgId, {
      type: 'checks',
      hostId,
      at: t.clock.now().toISOString(),
      runs: 1,
      down: 1,
    });
    await expect.poll(async () => (await f.alerts(orgId, ruleId)).map((a) => a.state)).toEqual(['firing']);
  });

  it('one alert per check of a container; checkName narrows to matching checks', async () => {
    const { orgId, hostId } = await f.org();
    await f.container(orgId, hostId, { name: 'web' });
    const every = await f.rule(orgId, { kind: 'check', params: { on: 'down' } });
    const apiOnly = await f.rule(orgId, { kind: 'check', params: { on: 'down', checkName: 'api*' } });
    await run(orgId, hostId, 'web', 'default', ago(2_000), { status: 'down' });
    await run(orgId, hostId, 'web', 'api-v2', ago(2_000), { status: 'down' });
    await t.alerter.evaluate(orgId, null);
    const labels = async (ruleId: string) =>
      (await f.alerts(orgId, ruleId)).map((a) => a.labels.check).sort();
    expect(await labels(every)).toEqual(['api-v2', 'default']);
    expect(await labels(apiOnly)).toEqual(['api-v2']);
  });

  it('slow: fires on an up run over its max latency with the latency as value', async () => {
    const { orgId, hostId } = await f.org();
    await f.container(orgId, hostId, { name: 'web' });
    const ruleId = await f.rule(orgId, { kind: 'check', params: { on: 'slow' } });
    const down = await f.rule(orgId, { kind: 'check', params: { on: 'down' } });
    await run(orgId, hostId, 'web', 'default', ago(1_000), { status: 'up', slow: true, latencyMs: 2400 });
    await t.alerter.evaluate(orgId, [hostId]);
    const [alert] = await f.alerts(orgId, ruleId);
    expect([alert?.state, alert?.value]).toEqual(['firing', 2400]);
    expect(await f.alerts(orgId, down)).toEqual([]);

    t.clock.advance(30_000);
    await run(orgId, hostId, 'web', 'default', ago(1_000), { status: 'up', latencyMs: 80 });
    await t.alerter.evaluate(orgId, [hostId]);
    expect((await f.alerts(orgId, ruleId)).map((a) => a.state)).toEqual(['resolved']);
  });

  it('cert_expiring: says the days left; resolves once the certificate is renewed', async () => {
    const { orgId, hostId } = await f.org();
    await f.container(orgId, hostId, { name: 'edge' });
    const ruleId = await f.rule(orgId, { kind: 'check', params: { on: 'cert_expiring' } });
    const expires = new Date(t.clock.now().getTime() + 5 * 86_400_000 + 3_600_000);
    await run(orgId, hostId, 'edge', 'tls', ago(1_000), { certExpiresAt: expires, certExpiring: true });
    const fired = await t.alerter.evaluate(orgId, [hostId]);
    expect(fired[0]?.alert.summary).toBe(
      `Check tls of edge on host-${orgId.slice(0, 6)}: certificate expires in 5 days`,
    );
    expect(fired[0]?.alert.value).toBe(5);

    t.clock.advance(60_000);
    const renewed = new Date(t.clock.now().getTime() + 90 * 86_400_000);
    await run(orgId, hostId, 'edge', 'tls', ago(1_000), { certExpiresAt: renewed });
    await t.alerter.evaluate(orgId, [hostId]);
    expect((await f.alerts(orgId, ruleId)).map((a) => a.state)).toEqual(['resolved']);
  });

  it('scopes by container name; a check with no recent run is no data, not down', async () => {
    const { orgId, hostId } = await f.org();
    await f.container(orgId, hostId, { name: 'web-1' });
    await f.container(orgId, hostId, { name: 'db-1' });
    const ruleId = await f.rule(orgId, {
      kind: 'check',
      params: { on: 'down' },
      scope: { containerName: 'web-*' },
    });
    await run(orgId, hostId, 'web-1', 'default', ago(1_000), { status: 'down' });
    await run(orgId, hostId, 'db-1', 'default', ago(1_000), { status: 'down' });
    await t.alerter.evaluate(orgId, null);
    expect((await f.alerts(orgId, ruleId)).map((a) => [a.container_name, a.state])).toEqual([
      ['web-1', 'firing'],
    ]);

    // The check stops running (its label removed, or the host went quiet): no run in the
    // window is no data, so the alert resolves rather than standing for a stale run.
    t.clock.advance(2 * 3_600_000);
    await t.alerter.pass();
    expect((await f.alerts(orgId, ruleId)).map((a) => a.state)).toEqual(['resolved']);
  });

  it('another organisation’s check results never fire this organisation’s rule', async () => {
    const mine = await f.org();
    const theirs = await f.org();
    await f.container(mine.orgId, mine.hostId, { name: 'web' });
    await f.container(theirs.orgId, theirs.hostId, { name: 'web' });
    const ruleId = await f.rule(mine.orgId, { kind: 'check', params: { on: 'down' } });
    await run(theirs.orgId, theirs.hostId, 'web', 'default', ago(1_000), { status: 'down' });
    // A row of the other organisation naming this organisation's host and container: only
    // row-level security keeps it out of this organisation's evaluation.
    await run(theirs.orgId, mine.hostId, 'web', 'default', ago(1_000), { status: 'down' });
    await t.alerter.evaluate(mine.orgId, [theirs.hostId]);
    await t.alerter.evaluate(mine.orgId, null);
    expect(await f.alerts(mine.orgId, ruleId)).toEqual([]);
    expect(await f.alerts(theirs.orgId)).toEqual([]);
  });
});
