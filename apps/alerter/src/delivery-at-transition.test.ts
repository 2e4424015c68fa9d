import { createMemoryBus } from '@berth/bus';
import { createPool } from '@berth/db/sql';
import { createTestDatabase, type TestDatabase } from '@berth/db/testing';
import { type Receiver, startReceiver } from '@berth/notify/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAlerter } from './app.js';
import { evaluateOrg } from './evaluation/evaluate-org.js';
import { LogMatchMemory } from './evaluation/log-matches.js';
import { silentLog, startTestAlerter, testSettings } from './test/alerter-harness.js';
import { fixtures } from './test/fixtures.js';

let database: TestDatabase;
let receiver: Receiver;
beforeAll(async () => {
  database = await createTestDatabase();
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.stop();
  await database?.drop();
});

/**
 * Evaluates the hosts once on an alerter with its timers on but no tick or pass within the
 * test, so only the transition itself can deliver (it writes its notification claimed and sends
 * it once committed); stop() waits for those sends. The transitions' target states.
 */
async function evaluateWithTimers(orgId: string, hostId: string): Promise<string[]> {
  const bus = createMemoryBus();
  const alerter = buildAlerter({
    databaseUrl: database.appUrl,
    bus,
    settings: testSettings({ deliveryMs: 3_600_000, passMs: 3_600_000 }),
    log: silentLog,
  });
  await alerter.start();
  try {
    return (await alerter.evaluate(orgId, [hostId])).map((t) => t.to);
  } finally {
    await alerter.stop();
    await bus.close();
  }
}

/** An organisation whose "container died" rule (group_wait 0) notifies the receiver at `path`. */
async function orgWithDiedRule(path: string) {
  const f = fixtures(database);
  const { orgId, hostId } = await f.org();
  const channelId = await f.webhook(orgId, `${receiver.url}/${path}`);
  await f.rule(orgId, {
    kind: 'container_state',
    params: { event: 'died' },
    channelIds: [channelId],
    groupWaitS: 0,
  });
  return { f, orgId, hostId };
}

describe('delivery at the transition', () => {
  it('with group_wait 0, a firing transition is flushed and delivered at once, not at the next tick', async () => {
    const { f, orgId, hostId } = await orgWithDiedRule('hook');
    await f.container(orgId, hostId, { name: 'job', state: 'exited', exitCode: 1, finishedAt: new Date() });
    expect(await evaluateWithTimers(orgId, hostId)).toEqual(['firing']);
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.last().json().alerts[0].summary).toBe(
      `job on host-${orgId.slice(0, 6)} exited with code 1`,
    );
  });

  it("one evaluation's firings of a rule are one transaction and one message; a silenced one is only recorded", async () => {
    const { f, orgId, hostId } = await orgWithDiedRule('batch');
    await f.inOrg(orgId, (c) =>
      c.query(
        `INSERT INTO alert_silences (org_id, matchers, starts_at, ends_at, comment)
         VALUES ($1, '[{"label":"container","op":"=","value":"job-2"}]', now() - interval '1 minute',
                 now() + interval '1 hour', 'known')`,
        [orgId],
      ),
    );
    for (const name of ['job-0', 'job-1', 'job-2', 'job-3', 'job-4'])
      await f.container(orgId, hostId, { name, state: 'exited', exitCode: 3, finishedAt: new Date() });
    const before = receiver.requests.length;
    expect(await evaluateWithTimers(orgId, hostId)).toEqual([
      'firing',
      'firing',
      'firing',
      'firing',
      'firing',
    ]);
    const sent = receiver.requests.slice(before);
    expect(sent).toHaveLength(1);
    const names = sent[0]?.json().alerts.map((a: { labels: { container: string } }) => a.labels.container);
    expect(names.sort()).toEqual(['job-0', 'job-1', 'job-3', 'job-4']);
    const events = await f.alertEvents(orgId);
    expect(events.filter((e) => e.kind === 'suppressed')).toHaveLength(1);
    expect(events.filter((e) => e.kind === 'firing')).toHaveLength(5);
    // The five alerts' firing and suppressed events were written by one transaction (the
    // alert rows themselves move again when a delivery counts them).
    const xmins = await f.inOrg(orgId, async (c) => {
      const { rows } = await c.query<{ n: number }>(
        `SELECT count(DISTINCT xmin::text)::int AS n FROM alert_events WHERE kind IN ('firing', 'suppressed')`,
      );
      return rows[0]?.n;
    });
    expect(xmins).toBe(1);
  });

  it('a process that dies between the commit and the send leaves a claim that runs out: another replica sends it once', async () => {
    const { f, orgId, hostId } = await orgWithDiedRule('orphan');
    await f.container(orgId, hostId, {
      name: 'orphan',
      state: 'exited',
      exitCode: 2,
      finishedAt: new Date(),
    });
    const other = await startTestAlerter({ database });
    const pool = createPool(database.appUrl, { max: 2, onConnectionError: () => undefined });
    try {
      const settings = testSettings();
      const handedOver: string[] = [];
      // The dying process: its transition commits the notification claimed, and it never sends.
      const transitions = await evaluateOrg(
        {
          pool,
          settings,
          log: silentLog,
          logMemory: new LogMatchMemory(),
          onTransition: async () => undefined,
          flushInTransition: {
            publicUrl: settings.publicUrl,
            deliver: {
              leaseMs: settings.leaseMs,
              send: (claims) => handedOver.push(...claims.map((c) => c.row.id)),
            },
          },
        },
        orgId,
        [hostId],
        other.clock.now(),
      );
      expect(transitions.map((t) => t.to)).toEqual(['firing']);
      const [born] = await f.notifications(orgId);
      expect(handedOver).toEqual([born?.id]);
      expect([born?.state, born?.attempts]).toEqual(['sending', 1]);
      const before = receiver.requests.length;

      // Inside the lease no round takes it; once it ran out, one does, and it arrives once.
      expect(await other.alerter.deliver()).toEqual([]);
      other.clock.advance(settings.leaseMs + 1_000);
      expect(await other.alerter.deliver()).toEqual([{ id: born?.id, state: 'sent' }]);
      expect(await other.alerter.deliver()).toEqual([]);
      const sent = receiver.requests.slice(before);
      expect(sent.map((r) => r.headers['idempotency-key'])).toEqual([born?.id]);
      expect((await f.notifications(orgId)).map((n) => [n.state, n.attempts])).toEqual([['sent', 2]]);
    } finally {
      await pool.end();
      await other.stop();
    }
  });
});
