import { channels, type PublishedOrgEvent, patterns } from '@berth/bus';
import { withOrg } from '@berth/db';
import { seedOrg } from '@berth/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireActions } from './actions/expire-actions.js';
import { ownerQuery } from './test/db-counts.js';
import { FakeAgent } from './test/fake-agent.js';
import { startTestGateway, type TestGateway } from './test/gateway-harness.js';

let harness: TestGateway;
const events: PublishedOrgEvent[] = [];
beforeAll(async () => {
  harness = await startTestGateway();
  await harness.gateway.ctx.bus.psubscribe(
    patterns.allOrgEvents,
    (event) => void events.push(event as PublishedOrgEvent),
  );
});
afterAll(() => harness?.stop());

async function queueAction(
  orgId: string,
  hostId: string,
  verb: string,
  deadlineMs: number,
  containerShortId: string | null = null,
) {
  const action = await withOrg(harness.database.db, orgId, (tx) =>
    tx.action.create({
      data: { orgId, hostId, verb, containerShortId, deadline: new Date(Date.now() + deadlineMs) },
    }),
  );
  return action.id;
}

async function statusOf(actionId: string): Promise<{ status: string; output: string | null }> {
  const [row] = await ownerQuery<{ status: string; output: string | null }>(
    harness.database.adminUrl,
    'SELECT status, output FROM actions WHERE id = $1',
    [actionId],
  );
  if (!row) throw new Error('no such action');
  return row;
}

describe('actions through the gateway', () => {
  it('delivers an action when the API nudges the holding gateway, and records running then succeeded', async () => {
    const org = await seedOrg(harness.database.db);
    const agent = await FakeAgent.connect(harness.wsUrl, org.hostCredential);
    await agent.hello();
    const actionId = await queueAction(org.orgId, org.hostId, 'restart', 60_000, 'abcdef012345');
    await harness.gateway.ctx.bus.publish(channels.gatewayActions(harness.gateway.ctx.gatewayId), {
      kind: 'action',
      hostId: org.hostId,
      actionId,
    });
    const frame = await agent.next('action');
    expect(frame).toMatchObject({ id: actionId, verb: 'restart', target: { containerId: 'abcdef012345' } });
    expect((await statusOf(actionId)).status).toBe('sent');
    agent.send({ type: 'action_result', id: actionId, status: 'running', output: '' });
    agent.send({ type: 'action_result', id: actionId, status: 'succeeded', output: 'restarted in 1.2 s' });
    await expect
      .poll(() => statusOf(actionId))
      .toEqual({ status: 'succeeded', output: 'restarted in 1.2 s' });
    // A late repeat of "running" never rewinds a finished action.
    agent.send({ type: 'action_result', id: actionId, status: 'running', output: '' });
    await expect
      .poll(() =>
        events
          .filter((e) => e.type === 'action.status' && e.actionId === actionId)
          .map((e) => e.type === 'action.status' && e.status),
      )
      .toEqual(['sent', 'running', 'succeeded']);
    expect((await statusOf(actionId)).status).toBe('succeeded');
    await agent.close();
  });

  it('delivers actions queued while the host was offline on its next hello, but never past the deadline', async () => {
    const org = await seedOrg(harness.database.db);
    const valid = await queueAction(org.orgId, org.hostId, 'ping', 60_000);
    const expired = await queueAction(org.orgId, org.hostId, 'ping', -1000);
    const agent = await FakeAgent.connect(harness.wsUrl, org.hostCredential);
    await agent.hello();
    expect((await agent.next('action')).id).toBe(valid);
    await expect(agent.next('action', 500)).rejects.toThrow(/no action frame/);
    await expireActions(harness.gateway.ctx, 30_000);
    expect(await statusOf(expired)).toEqual({
      status: 'timed_out',
      output: 'the host did not receive it before the deadline',
    });
    await agent.close();
  });

  it("ignores results for another host's action", async () => {
    const a = await seedOrg(harness.database.db);
    const b = await seedOrg(harness.database.db);
    const bAction = await queueAction(b.orgId, b.hostId, 'ping', 60_000);
    const agent = await FakeAgent.connect(harness.wsUrl, a.hostCredential);
    await agent.hello();
    agent.send({ type: 'action_result', id: bAction, status: 'succeeded', output: 'pwned' });
    agent.send({ type: 'ping', ts: 1 });
    await agent.next('pong');
    expect(await statusOf(bAction)).toEqual({ status: 'queued', output: null });
    await agent.close();
  });
});
