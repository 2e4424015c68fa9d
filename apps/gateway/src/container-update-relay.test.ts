import { channels, type PublishedOrgEvent, patterns } from '@berth/bus';
import { withOrg } from '@berth/db';
import { seedOrg } from '@berth/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const SHORT = 'abcdef012345';
const IMAGE = 'registry.test:5000/shop/web:1.3';

/** A connected agent that has received a `container.update` of SHORT. */
async function updateInFlight() {
  const org = await seedOrg(harness.database.db);
  const agent = await FakeAgent.connect(harness.wsUrl, org.hostCredential);
  const hello = harness.nextDeliveryPass(org.hostId, 'hello');
  await agent.hello();
  await hello;
  return { org, agent, actionId: await deliverUpdate(org, agent) };
}

/** Queues a `container.update` of SHORT on the org's host and waits until its agent has it. */
async function deliverUpdate(org: { orgId: string; hostId: string }, agent: FakeAgent): Promise<string> {
  const action = await withOrg(harness.database.db, org.orgId, (tx) =>
    tx.action.create({
      data: {
        orgId: org.orgId,
        hostId: org.hostId,
        verb: 'container.update',
        containerShortId: SHORT,
        params: { image: IMAGE, healthTimeoutS: 30 },
        deadline: new Date(Date.now() + 60_000),
      },
    }),
  );
  const pass = harness.nextDeliveryPass(org.hostId, 'nudge');
  await harness.gateway.ctx.bus.publish(channels.gatewayActions(harness.gateway.ctx.gatewayId), {
    kind: 'action',
    hostId: org.hostId,
    actionId: action.id,
  });
  expect(await agent.next('action')).toMatchObject({ verb: 'container.update', params: { image: IMAGE } });
  await pass;
  return action.id;
}

const progressOf = (actionId: string) =>
  events.flatMap((e) =>
    e.type === 'action.progress' && e.actionId === actionId ? [[e.stage, e.percent]] : [],
  );

describe('container.update through the gateway', () => {
  it("relays the agent's progress as action.progress events, and records a failure as a container event and an audit row", async () => {
    const { org, agent, actionId } = await updateInFlight();
    agent.send({ type: 'action_result', id: actionId, status: 'running', output: '' });
    agent.send({ type: 'action_progress', id: actionId, stage: 'pulling', percent: 40 });
    agent.send({
      type: 'action_progress',
      id: actionId,
      stage: 'rolling_back',
      percent: null,
      detail: 'exit 3',
    });
    await expect
      .poll(() => progressOf(actionId))
      .toEqual([
        ['pulling', 40],
        ['rolling_back', null],
      ]);
    const failure =
      'update of web to registry.test:5000/shop/web:1.3 failed: the new container stopped (exit code 3); rolled back';
    agent.send({ type: 'action_result', id: actionId, status: 'failed', output: failure });
    const eventRows = () =>
      ownerQuery<{ action: string; attributes: Record<string, string> }>(
        harness.database.adminUrl,
        'SELECT action, attributes FROM container_events WHERE org_id = $1 AND container_id = $2',
        [org.orgId, SHORT],
      );
    await expect.poll(eventRows).toEqual([
      {
        action: 'update_failed',
        attributes: { actionId, image: IMAGE, status: 'failed', output: failure },
      },
    ]);
    const audit = await ownerQuery<{ action: string; target_id: string }>(
      harness.database.adminUrl,
      "SELECT action, target_id FROM audit_logs WHERE org_id = $1 AND action LIKE 'container.update%'",
      [org.orgId],
    );
    expect(audit).toEqual([{ action: 'container.update_failed', target_id: `${org.hostId}/${SHORT}` }]);
    // A repeated result changes nothing and writes no second event.
    agent.send({ type: 'action_result', id: actionId, status: 'failed', output: failure });
    await agent.roundTrip();
    expect(await eventRows()).toHaveLength(1);
    await agent.close();
  });

  it("ignores progress on another host's action and on a finished one", async () => {
    const mine = await updateInFlight();
    const other = await updateInFlight();
    mine.agent.send({ type: 'action_progress', id: other.actionId, stage: 'pulling', percent: 10 });
    mine.agent.send({ type: 'action_result', id: mine.actionId, status: 'succeeded', output: 'updated web' });
    await expect
      .poll(() =>
        events.some(
          (e) => e.type === 'action.status' && e.actionId === mine.actionId && e.status === 'succeeded',
        ),
      )
      .toBe(true);
    mine.agent.send({ type: 'action_progress', id: mine.actionId, stage: 'cleaning_up', percent: null });
    // Progress is relayed in order per socket: once a later frame is relayed, those before were judged.
    const next = await deliverUpdate(mine.org, mine.agent);
    mine.agent.send({ type: 'action_progress', id: next, stage: 'pulling', percent: 5 });
    await expect.poll(() => progressOf(next)).toEqual([['pulling', 5]]);
    expect(progressOf(other.actionId)).toEqual([]);
    expect(progressOf(mine.actionId)).toEqual([]);
    const succeeded = await ownerQuery<{ action: string }>(
      harness.database.adminUrl,
      'SELECT action FROM audit_logs WHERE org_id = $1 AND action LIKE $2',
      [mine.org.orgId, 'container.update%'],
    );
    expect(succeeded).toEqual([{ action: 'container.update_succeeded' }]);
    await mine.agent.close();
    await other.agent.close();
  });
});
