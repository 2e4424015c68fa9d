import { seedOrg } from '@berth/db/testing';
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
          "SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE%hosts%'",
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
});
