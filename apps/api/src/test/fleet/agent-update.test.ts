import type { Role } from '@berth/db';
import { withOrg } from '@berth/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../api-harness.js';
import { addHost, type Caller, call, createFleetWorld, type FleetWorld } from './fleet-world.js';

const LATEST = '2.0.0';
let harness: TestApi;
let world: FleetWorld;

beforeAll(async () => {
  harness = await startTestApi(undefined, { currentAgentVersion: LATEST });
  world = await createFleetWorld(harness.database);
});
afterAll(() => harness?.stop());

/** A host whose agent said `agentVersion` and `capabilities` in its hello. */
async function hostRunning(agentVersion: string | null, capabilities = ['actions', 'self_update']) {
  const hostId = await addHost(harness.database, world.orgId);
  await withOrg(harness.database.db, world.orgId, (tx) =>
    tx.host.update({ where: { id: hostId }, data: { agentVersion, capabilities } }),
  );
  return hostId;
}

const requestUpdate = (hostId: string, caller: Caller) =>
  call(harness, 'POST', `/api/v1/hosts/${hostId}/actions`, caller, { verb: 'update' });

describe('agent versions on hosts', () => {
  it('marks a host whose agent is older than BERTH_AGENT_VERSION, in the list and the detail', async () => {
    const outdated = await hostRunning('1.9.3');
    const current = await hostRunning(LATEST);
    const newer = await hostRunning('2.1.0-rc.1');
    const unknown = await hostRunning(null);
    const list = await call(harness, 'GET', '/api/v1/hosts?limit=100', world.viewerToken);
    expect(list.statusCode).toBe(200);
    const byId = new Map(
      (list.json().items as { id: string; latestAgentVersion: string; agentUpdateAvailable: boolean }[]).map(
        (host) => [host.id, host],
      ),
    );
    expect(byId.get(outdated)).toMatchObject({ latestAgentVersion: LATEST, agentUpdateAvailable: true });
    expect(byId.get(current)).toMatchObject({ latestAgentVersion: LATEST, agentUpdateAvailable: false });
    expect(byId.get(newer)).toMatchObject({ agentUpdateAvailable: false });
    expect(byId.get(unknown)).toMatchObject({ agentUpdateAvailable: false });
    const detail = await call(harness, 'GET', `/api/v1/hosts/${outdated}`, world.viewerToken);
    expect(detail.json()).toMatchObject({
      agentVersion: '1.9.3',
      latestAgentVersion: LATEST,
      agentUpdateAvailable: true,
    });
  });
});

describe('the update action', () => {
  it('is queued for owners, admins and admin tokens, refused to operators and viewers', async () => {
    const expected: [string, Caller, number][] = [
      ['owner', world.callers.owner, 202],
      ['admin', world.callers.admin, 202],
      ['admin API token', world.adminToken, 202],
      ['operator', world.callers.operator, 403],
      ['viewer', world.callers.viewer, 403],
      ['viewer API token', world.viewerToken, 403],
      ['anonymous', {}, 401],
    ];
    const failures: string[] = [];
    for (const [who, caller, wanted] of expected) {
      const response = await requestUpdate(await hostRunning('1.0.0'), caller);
      if (response.statusCode !== wanted) failures.push(`${who}: ${response.statusCode} ${response.body}`);
      if (wanted === 202) expect(response.json()).toMatchObject({ verb: 'update', status: 'queued' });
    }
    expect(failures).toEqual([]);
    const forbidden = await requestUpdate(await hostRunning('1.0.0'), world.callers.operator);
    expect(forbidden.json().error.message).toBe('updating an agent needs the owner or admin role');
  });

  it('leaves the other host verbs to operators', async () => {
    const hostId = await hostRunning('1.0.0');
    for (const role of ['operator', 'admin'] satisfies Role[]) {
      const response = await call(harness, 'POST', `/api/v1/hosts/${hostId}/actions`, world.callers[role], {
        verb: 'ping',
      });
      expect(response.statusCode, role).toBe(202);
    }
  });

  it('is refused with 409 for current, read-only, unknown-version and non-updatable agents, and nothing is queued', async () => {
    const cases: [string, string][] = [
      [await hostRunning(LATEST), `the agent is already current (${LATEST}; latest is ${LATEST})`],
      [await hostRunning('3.0.0'), `the agent is already current (3.0.0; latest is ${LATEST})`],
      [
        await hostRunning('1.0.0', ['actions', 'read_only']),
        'this agent runs read-only: actions, updates included, are disabled on this host',
      ],
      [
        await hostRunning(null),
        'this host has not reported its agent version yet; try again once it connects',
      ],
      [await hostRunning('1.0.0', ['actions']), expect.stringMatching(/^this agent cannot update itself/)],
    ];
    for (const [hostId, message] of cases) {
      const response = await requestUpdate(hostId, world.callers.admin);
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ error: { code: 'conflict', message } });
      const queued = await withOrg(harness.database.db, world.orgId, (tx) =>
        tx.action.count({ where: { hostId } }),
      );
      expect(queued).toBe(0);
    }
  });
});
