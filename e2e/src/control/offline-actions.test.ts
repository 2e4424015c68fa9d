import { keys } from '@berth/bus';
import { withOrg } from '@berth/db';
import { docker, dockerAvailability, runBusybox } from '@berth/test-docker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for.js';
import {
  type ActionView,
  agentStateDir,
  type ControlWorld,
  runsOf,
  startControlWorld,
} from './control-world.js';

const availability = await dockerAvailability();
const skipped = availability.ok ? '' : ` (skipped: ${availability.reason})`;
const FINISHED = ['succeeded', 'failed', 'rejected', 'timed_out'];

describe.skipIf(!availability.ok)(`actions and a host that comes and goes${skipped}`, () => {
  let world: ControlWorld;
  beforeAll(async () => {
    world = await startControlWorld('offline-actions');
  }, 120_000);
  afterAll(() => world?.close());

  const queue = async (url: string, body: object): Promise<ActionView> => {
    const response = await world.call('POST', url, body);
    expect(response.status).toBe(202);
    return (await response.json()) as ActionView;
  };
  const view = async (id: string) =>
    (await (await world.call('GET', `/api/v1/actions/${id}`)).json()) as ActionView;
  const waitForStatus = (id: string, wanted: string[]) =>
    waitFor(async () => ((await view(id)).status.match(`^(${wanted.join('|')})$`) ? view(id) : undefined), {
      what: `action ${id} ${wanted.join('|')}`,
      timeoutMs: 30_000,
    });
  const restartAgent = async () => {
    await world.agent.stop();
    world.agent = await world.startAgent('agent', world.run.stateDir);
  };

  it('runs an action queued while the host was offline once it returns, and never one past its deadline', async () => {
    await world.agent.stop();
    await waitFor(async () => (await world.observer.getKey(keys.presence(world.hostId))) === null, {
      what: 'the host to go offline',
    });
    const valid = await queue(`/api/v1/hosts/${world.hostId}/actions`, { verb: 'ping', deadlineS: 120 });
    const late = await queue(`/api/v1/hosts/${world.hostId}/actions`, { verb: 'ping', deadlineS: 5 });
    // The gateway's expiry sweep ends it once its deadline passed, with nobody to run it.
    const expired = await waitForStatus(late.id, FINISHED);
    expect(expired).toMatchObject({
      status: 'timed_out',
      output: 'the host did not receive it before the deadline',
    });
    expect(Date.now()).toBeGreaterThan(Date.parse(late.deadline));
    expect((await view(valid.id)).status).toBe('queued');

    world.agent = await world.startAgent('agent', world.run.stateDir);
    expect(await waitForStatus(valid.id, FINISHED)).toMatchObject({ status: 'succeeded', output: 'pong' });
    expect(runsOf(world.agent, valid.id)).toBe(1);
    expect(runsOf(world.agent, late.id)).toBe(0);
    expect((await view(late.id)).status).toBe('timed_out');
  });

  it('runs a redelivered action id once and sends its kept result again, across restarts', async () => {
    const action = await queue(`/api/v1/hosts/${world.hostId}/actions`, { verb: 'ping', deadlineS: 120 });
    await waitForStatus(action.id, ['succeeded']);
    expect(runsOf(world.agent, action.id)).toBe(1);
    // As if the result had been lost with its socket: the gateway sends every still-valid
    // `sent` action again when the host reconnects.
    await withOrg(world.run.database.db, world.run.orgId, (tx) =>
      tx.action.update({ where: { id: action.id }, data: { status: 'sent', finishedAt: null } }),
    );
    await restartAgent();
    await world.agent.waitForRecord('action delivered again: already handled, not run twice', {
      where: (record) => record.actionId === action.id && record.resent === 'succeeded',
      timeoutMs: 20_000,
    });
    expect(runsOf(world.agent, action.id)).toBe(0);
    // The agent kept the result and sent it again: the action is finished, not left `sent`.
    expect(await waitForStatus(action.id, ['succeeded'])).toMatchObject({
      status: 'succeeded',
      output: 'pong',
    });
  });

  it('a read-only agent answers every action `rejected` and leaves the container alone', async () => {
    const target = await runBusybox('sleep 600', {
      name: `${world.run.runId}-target`,
      labels: { 'berth.e2e.run': world.run.runId },
    });
    const readOnly = await world.startAgent('agent-ro', agentStateDir(world.run, 'agent-ro'), {
      readOnly: true,
    });
    const hostId = String((await readOnly.waitForRecord('agent started')).hostId);
    expect(hostId).not.toBe(world.hostId);
    await waitFor(
      async () =>
        (await world.call('GET', `/api/v1/hosts/${hostId}/containers/${target.shortId}`)).status === 200,
      { what: 'the read-only agent to report the container' },
    );
    const startedAt = await docker('inspect', '-f', '{{.State.StartedAt}}', target.id);
    const restart = await queue(`/api/v1/hosts/${hostId}/containers/${target.shortId}/actions`, {
      verb: 'restart',
    });
    const ping = await queue(`/api/v1/hosts/${hostId}/actions`, { verb: 'ping' });
    for (const action of [restart, ping]) {
      expect(await waitForStatus(action.id, FINISHED)).toMatchObject({
        status: 'rejected',
        output: 'this agent runs read-only: actions are disabled on this host',
      });
      expect(runsOf(readOnly, action.id)).toBe(0);
    }
    expect(await docker('inspect', '-f', '{{.State.StartedAt}}', target.id)).toBe(startedAt);
  });
});
