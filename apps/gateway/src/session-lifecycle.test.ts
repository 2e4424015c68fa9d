import { randomUUID } from 'node:crypto';
import { channels } from '@berth/bus';
import { seedOrg } from '@berth/db/testing';
import { CLOSE_CODES } from '@berth/protocol';
import { makeHelloFrame } from '@berth/protocol/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerQuery } from './test/db-counts.js';
import { FakeAgent } from './test/fake-agent.js';
import { startTestGateway, type TestGateway } from './test/gateway-harness.js';

let harness: TestGateway;
beforeAll(async () => {
  harness = await startTestGateway();
});
afterAll(() => harness?.stop());

/** Holds the host's row lock, so a hello's update of the host waits until release(). */
async function holdHostRow(hostId: string): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: harness.database.adminUrl });
  await client.connect();
  await client.query('BEGIN');
  await client.query('SELECT 1 FROM hosts WHERE id = $1 FOR UPDATE', [hostId]);
  return {
    async release() {
      await client.query('COMMIT');
      await client.end();
    },
  };
}

describe('agent session lifecycle', () => {
  it('does not register a socket that closed while its hello was being stored, and the next connection stays', async () => {
    const org = await seedOrg(harness.database.db);
    const lock = await holdHostRow(org.hostId);
    const gaveUp = await FakeAgent.connect(harness.wsUrl, org.hostCredential);
    const pending = () => harness.gateway.ctx.sessions.all().filter((s) => s.identity.hostId === org.hostId);
    await expect.poll(() => pending().length).toBe(1);
    const [session] = pending();
    if (!session) throw new Error('no pending session');
    gaveUp.send(makeHelloFrame());
    await expect
      .poll(async () => {
        const [row] = await ownerQuery<{ n: string }>(
          harness.database.adminUrl,
          // This database only: other suites on the same server may wait on their own hosts rows.
          "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE%hosts%'",
          [],
        );
        return Number(row?.n);
      })
      .toBeGreaterThan(0);
    // As an agent whose welcome timed out: it drops the socket while the hello waits.
    gaveUp.ws.terminate();
    await gaveUp.closed;
    await expect.poll(() => session.state).toBe('closed');
    await lock.release();
    await session.handshake;
    expect(harness.gateway.ctx.sessions.get(org.hostId)).toBeUndefined();
    expect(harness.gateway.ctx.sessions.all()).not.toContain(session);

    const next = await FakeAgent.connect(harness.wsUrl, org.hostCredential);
    await next.hello();
    const current = harness.gateway.ctx.sessions.get(org.hostId);
    expect(current?.state).toBe('streaming');
    await next.roundTrip();
    expect(current?.state).toBe('streaming');
    await next.close();
  });

  it('ends the live log streams of a socket a newer connection superseded, and only those still open', async () => {
    const org = await seedOrg(harness.database.db);
    const first = await FakeAgent.connect(harness.wsUrl, org.hostCredential);
    await first.hello();
    const { bus, gatewayId } = harness.gateway.ctx;
    const [open, finished] = [randomUUID(), randomUUID()];
    const received = new Map<string, unknown[]>([
      [open, []],
      [finished, []],
    ]);
    for (const [streamId, messages] of received)
      await bus.subscribe(channels.logStream(streamId), (message) => void messages.push(message));
    for (const streamId of [open, finished]) {
      await bus.publish(channels.gatewayActions(gatewayId), {
        kind: 'logs_follow',
        hostId: org.hostId,
        streamId,
        containerId: 'abcdef012345',
        tail: 10,
      });
      expect(await first.next('logs_follow')).toMatchObject({ streamId });
    }
    const line = { ts: new Date().toISOString(), stream: 'stdout', line: 'last words' } as const;
    first.send({ type: 'log_lines', streamId: finished, lines: [line], ended: true });
    // On the bus as a log stream message of its own, not the agent's frame.
    await expect.poll(() => received.get(finished)).toEqual([{ lines: [line], end: { error: null } }]);

    const second = await FakeAgent.connect(harness.wsUrl, org.hostCredential);
    await second.hello();
    expect(await first.closed).toMatchObject({ code: CLOSE_CODES.goingAway });
    await expect
      .poll(() => received.get(open))
      .toEqual([{ lines: [], end: { error: expect.stringContaining('follow again') } }]);
    // The stream the agent had ended is not ended a second time.
    await second.roundTrip();
    expect(received.get(finished)).toHaveLength(1);
    await second.close();
  });
});
