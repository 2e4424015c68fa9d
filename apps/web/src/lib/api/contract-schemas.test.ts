import * as contract from '@berth/api-contract';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getAction, requestAgentUpdate, requestContainerAction } from './actions';
import type { ApiClient, ApiRequest } from './api-client';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens';
import { getCheckResults, listChecks } from './checks';
import { listContainerLogs } from './container-logs';
import { getContainer, listContainers } from './containers';
import { createEnrolment, listEnrolmentTokens, revokeEnrolmentToken } from './enrolment-tokens';
import { listContainerEvents, listHistory } from './history';
import { deleteHost, listManagedHosts, renameHost, revokeHost, setHostLabels } from './host-admin';
import { getHost, listHostsPage } from './hosts';
import {
  acceptInvite,
  confirmPasswordReset,
  createSession,
  getMe,
  inspectInvite,
  linkOidcUser,
  requestPasswordReset,
  revokeCurrentSession,
  signInWithPassword,
  signUp,
  unlockSignIn,
} from './identity';
import {
  changeMemberRole,
  createInvite,
  listInvites,
  listMembers,
  removeMember,
  revokeInvite,
} from './members';
import { getContainerMetrics, getHostMetrics } from './metrics';
import { getOverview } from './overview';
import { changePassword, listMySessions, revokeMySession, revokeOtherSessions } from './profile';
import { createTeam, deleteTeam, listTeamMembers, listTeams, setTeamMembership, updateTeam } from './teams';

/**
 * The console parses every API answer with the very schema objects the API's routes are
 * registered with (apps/api contract.test.ts checks that side): a field renamed in the
 * contract fails the API's tests and this workspace's typecheck, not a browser.
 */
const CONTRACT = new Map<unknown, string>(
  Object.entries(contract)
    .filter(([, value]) => value instanceof z.ZodType)
    .map(([name, value]) => [value, name]),
);

type Call = { method: string; path: string; schema: string | undefined };

/** An ApiClient that answers nothing and records which schema each request would parse with. */
function recordingApi(calls: Call[]): ApiClient {
  return {
    async request<S extends z.ZodType>(request: ApiRequest<S>): Promise<z.infer<S>> {
      const path = request.path.split('?')[0] ?? request.path;
      calls.push({ method: request.method ?? 'GET', path, schema: CONTRACT.get(request.schema) });
      throw new Error('recorded');
    },
  };
}

const HOST = '7d0c6c1e-4f4a-4b8e-9a51-0d3c2f6b9e10';
const ref = { hostId: HOST, containerId: 'abcdefabcdef' };

async function callEveryEndpoint(api: ApiClient): Promise<void> {
  const endpoints: (() => Promise<unknown>)[] = [
    () => listHostsPage(api),
    () => getHost(api, HOST),
    () => getOverview(api),
    () => listContainers(api, {}),
    () => getContainer(api, ref),
    () => getContainerMetrics(api, ref, { range: '1h' }),
    () => getHostMetrics(api, HOST, { since: 0 }),
    () => listContainerLogs(api, ref),
    () => listContainerEvents(api, ref),
    () => listHistory(api, 'events', {}),
    () => listHistory(api, 'actions', {}),
    () => listHistory(api, 'audit', {}),
    () => requestContainerAction(api, ref, 'restart'),
    () => requestAgentUpdate(api, HOST),
    () => getAction(api, HOST),
    () => listEnrolmentTokens(api),
    () => createEnrolment(api),
    () => revokeEnrolmentToken(api, HOST),
    () => listManagedHosts(api),
    () => renameHost(api, HOST, 'web-1'),
    () => setHostLabels(api, HOST, {}),
    () => revokeHost(api, HOST),
    () => deleteHost(api, HOST),
    () => listApiTokens(api),
    () => createApiToken(api, { name: 'ci', role: 'viewer' }),
    () => revokeApiToken(api, HOST),
    () => signInWithPassword(api, { email: 'a@b.test', password: 'x' }),
    () => unlockSignIn(api, 'token'),
    () => linkOidcUser(api, { email: 'a@b.test', provider: 'p', issuer: 'https://i.test', subject: 's' }),
    () => createSession(api, { userId: HOST }),
    () => revokeCurrentSession(api),
    () => signUp(api, { email: 'a@b.test', password: 'long enough password' }),
    () => requestPasswordReset(api, 'a@b.test'),
    () => confirmPasswordReset(api, 'token', 'long enough password'),
    () => getMe(api),
    () => inspectInvite(api, 'token'),
    () => acceptInvite(api, 'token'),
    () => listMembers(api),
    () => changeMemberRole(api, HOST, 'admin'),
    () => removeMember(api, HOST),
    () => listInvites(api),
    () => createInvite(api, { email: 'a@b.test', role: 'viewer' }),
    () => revokeInvite(api, HOST),
    () => changePassword(api, { newPassword: 'long enough password' }),
    () => listMySessions(api),
    () => revokeMySession(api, 'session'),
    () => revokeOtherSessions(api),
    () => listTeams(api),
    () => listTeamMembers(api, HOST),
    () => createTeam(api, { name: 'ops' }),
    () => updateTeam(api, HOST, { name: 'ops' }),
    () => deleteTeam(api, HOST),
    () => setTeamMembership(api, HOST, HOST, true),
    () => listChecks(api),
    () => getCheckResults(api, HOST),
  ];
  for (const call of endpoints) await expect(call()).rejects.toThrow('recorded');
}

describe('the console and the API contract', () => {
  it('parses every API answer with a schema exported by @berth/api-contract', async () => {
    const calls: Call[] = [];
    await callEveryEndpoint(recordingApi(calls));
    expect(calls.length).toBeGreaterThanOrEqual(53);
    expect(calls.filter((call) => call.schema === undefined)).toEqual([]);
  });

  it('parses each resource with the schema of its route', async () => {
    const calls: Call[] = [];
    await callEveryEndpoint(recordingApi(calls));
    const schemaOf = (method: string, path: string) =>
      calls.find((call) => call.method === method && call.path === path)?.schema;
    expect(schemaOf('GET', `/api/v1/hosts/${HOST}`)).toBe('ZHostDetailSchema');
    expect(schemaOf('GET', '/api/v1/hosts')).toBe('ZHostPageSchema');
    expect(schemaOf('GET', '/api/v1/containers')).toBe('ZContainerSummaryPageSchema');
    expect(schemaOf('GET', '/api/v1/overview')).toBe('ZOverviewSchema');
    expect(schemaOf('POST', '/api/v1/enrolment-tokens')).toBe('ZCreatedEnrolmentTokenSchema');
    expect(schemaOf('GET', '/api/v1/actions')).toBe('ZActionPageSchema');
    expect(schemaOf('DELETE', `/api/v1/hosts/${HOST}`)).toBe('ZDeletedHostSchema');
    expect(schemaOf('GET', '/api/v1/checks')).toBe('ZCheckPageSchema');
    expect(schemaOf('GET', `/api/v1/checks/${HOST}/results`)).toBe('ZCheckResultsSchema');
  });

  it('reads an answer the contract describes, and refuses one with a renamed field', () => {
    const host = {
      id: HOST,
      name: 'web-1',
      hostname: 'web-1.example.test',
      labels: {},
      status: 'online',
      revokedAt: null,
      lastSeenAt: '2026-11-23T10:00:00.000Z',
      agentVersion: '1.4.0',
      latestAgentVersion: '1.4.1',
      agentUpdateAvailable: true,
      os: null,
      kernel: null,
      arch: null,
      cpus: null,
      memTotal: null,
      dockerVersion: null,
      capabilities: [],
      enrollmentTokenId: null,
      createdAt: '2026-11-01T00:00:00.000Z',
      containers: {
        total: 0,
        running: 0,
        paused: 0,
        restarting: 0,
        exited: 0,
        created: 0,
        dead: 0,
        removing: 0,
      },
      latest: null,
    };
    expect(contract.ZHostSchema.parse(host)).toEqual(host);
    const { agentUpdateAvailable, ...renamed } = host;
    expect(
      contract.ZHostSchema.safeParse({ ...renamed, updateAvailable: agentUpdateAvailable }).success,
    ).toBe(false);
  });
});
