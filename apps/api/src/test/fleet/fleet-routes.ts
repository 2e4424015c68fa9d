import { randomUUID } from 'node:crypto';
import type { Role } from '@berth/db';
import type { TestDatabase } from '@berth/db/testing';
import { fleetRoutesOf } from '../../routes/fleet/register-fleet-routes.js';
import type { TestApi } from '../api-harness.js';
import {
  addAutohealPolicy,
  addCheckDefinition,
  addCheckResult,
  addContainer,
  addContainerGroup,
  addEnrolmentToken,
  addHost,
  addRegistryCredential,
  addUpdatePolicy,
} from './fleet-world.js';

/** Ids of one organisation that a request may name. */
export type Targets = {
  orgId: string;
  hostId: string;
  containerId: string;
  /** The container's name (group members are host + name). */
  containerName: string;
  tokenId: string;
  /** A container group whose only member is the container. */
  groupId: string;
  /** A health check of the container (its `default` check), with one run a minute ago. */
  checkId: string;
  /** A check definition (tcp, named `api`) on the container. */
  definitionId: string;
  /** An auto-restart policy (on-failure) on the container. */
  policyId: string;
  /** Registry credentials of the organisation (a sealed placeholder password). */
  credentialId: string;
  /** An update policy rule on the group (block). */
  policyRuleId: string;
};

export type FleetRequest = { url: string; payload?: unknown };

export type RouteExpectation = {
  /** The least role that may call it. */
  minimum: Role;
  /** The status of a successful call. */
  success: number;
  /** A valid request; `targets` are fresh per call (mutations consume them). */
  request(targets: Targets): FleetRequest;
};

const HOUR = 3_600_000;
const range = () => `from=${new Date(Date.now() - HOUR).toISOString()}&to=${new Date().toISOString()}`;

/**
 * Every fleet route, keyed `METHOD url` as registered. The role-matrix and cross-tenant tests
 * walk the registered routes and fail on any route missing here.
 */
export const FLEET_ROUTES: Record<string, RouteExpectation> = {
  'POST /api/v1/enrolment-tokens': {
    minimum: 'admin',
    success: 201,
    request: () => ({ url: '/api/v1/enrolment-tokens', payload: { name: 'ci', labels: { env: 'ci' } } }),
  },
  'GET /api/v1/enrolment-tokens': {
    minimum: 'admin',
    success: 200,
    request: () => ({ url: '/api/v1/enrolment-tokens' }),
  },
  'POST /api/v1/enrolment-tokens/:tokenId/revoke': {
    minimum: 'admin',
    success: 200,
    request: (t) => ({ url: `/api/v1/enrolment-tokens/${t.tokenId}/revoke` }),
  },
  'GET /api/v1/hosts': { minimum: 'viewer', success: 200, request: () => ({ url: '/api/v1/hosts' }) },
  'GET /api/v1/hosts/:hostId': {
    minimum: 'viewer',
    success: 200,
    request: (t) => ({ url: `/api/v1/hosts/${t.hostId}` }),
  },
  'PATCH /api/v1/hosts/:hostId': {
    minimum: 'admin',
    success: 200,
    request: (t) => ({ url: `/api/v1/hosts/${t.hostId}`, payload: { name: 'renamed' } }),
  },
  'PUT /api/v1/hosts/:hostId/labels': {
    minimum: 'admin',
    success: 200,
    request: (t) => ({ url: `/api/v1/hosts/${t.hostId}/labels`, payload: { labels: { env: 'pwned' } } }),
  },
  'POST /api/v1/hosts/:hostId/revoke': {
    minimum: 'admin',
    success: 200,
    request: (t) => ({ url: `/api/v1/hosts/${t.hostId}/revoke` }),
  },
  'DELETE /api/v1/hosts/:hostId': {
    minimum: 'admin',
    success: 200,
    request: (t) => ({ url: `/api/v1/hosts/${t.hostId}` }),
  },
  'GET /api/v1/hosts/:hostId/metrics': {
    minimum: 'viewer',
    success: 200,
    request: (t) => ({ url: `/api/v1/hosts/${t.hostId}/metrics?${range()}` }),
  },
  'GET /api/v1/containers': {
    minimum: 'viewer',
    success: 200,
    request: (t) => ({ url: `/api/v1/containers?hostId=${t.hostId}` }),
  },
  'GET /api/v1/hosts/:hostId/containers/:containerId': {
    minimum: 'viewer',
    success: 200,
    request: (t) => ({ url: `/api/v1/hosts/${t.hostId}/containers/${t.containerId}` }),
  },
  'GET /api/v1/hosts/:hostId/containers/:containerId/metrics': {
    minimum: 'viewer',
    success: 200,
    request: (t) => ({ url: `/api/v1/hosts/${t.hostId}/containers/${t.containerId}/metrics?${range()}` }),
  },
  'GET /api/v1/hosts/:hostId/containers/:containerId/logs': {
    minimum: 'viewer',
    success: 200,
    request: (t) => ({ url: `/api/v1/hosts/${t.hostId}/containers/${t.containerId}/logs?${range()}` }),
  },
  'GET /api/v1/events': {
    minimum: 'viewer',
    success: 200,
    request: (t) => ({ url: `/api/v1/events?hostId=${t.hostId}&${range()}` }),
  },
  'GET /api/v1/overview': { minimum: 'viewer', success: 200, request: () => ({ url: '/api/v1/overview' }) },
  'GET /api/v1/image-updates': {
    minimum: 'viewer',
    success: 200,
    request: () => ({ url: '/api/v1/image-updates' }),
  },
  'POST /api/v1/image-updates/check': {
    minimum: 'operator',
    success: 200,
    request: () => ({ url: '/api/v1/image-updates/check', payload: {} }),
  },
  'GET /api/v1/image-update-settings': {
    minimum: 'viewer',
    success: 200,
    request: () => ({ url: '/api/v1/image-update-settings' }),
  },
  'PUT /api/v1/image-update-settings': {
    minimum: 'admin',
    success: 200,
    request: () => ({ url: '/api/v1/image-update-settings', payload: { checkIntervalS: 7200 } }),
  },
  'GET /api/v1/registry-credentials': {
    minimum: 'admin',
    success: 200,
    request: () => ({ url: '/api/v1/registry-credentials' }),
  },
  'POST /api/v1/registry-credentials': {
    minimum: 'admin',
    success: 201,
    request: () => ({
      url: '/api/v1/registry-credentials',
      payload: {
        registry: `r${randomUUID().slice(0, 8)}.example.test`,
        username: 'ci',
        password: 'hunter2-token',
      },
    }),
  },
  'DELETE /api/v1/registry-credentials/:credentialId': {
    minimum: 'admin',
    success: 204,
    request: (t) => ({ url: `/api/v1/registry-credentials/${t.credentialId}` }),
  },
  'GET /api/v1/checks': {
    minimum: 'viewer',
    success: 200,
    request: (t) => ({ url: `/api/v1/checks?hostId=${t.hostId}` }),
  },
  'GET /api/v1/checks/:checkId/results': {
    minimum: 'viewer',
    success: 200,
    request: (t) => ({ url: `/api/v1/checks/${t.checkId}/results?${range()}` }),
  },
  'GET /api/v1/checks/:checkId/series': {
    minimum: 'viewer',
    success: 200,
    request: (t) => ({ url: `/api/v1/checks/${t.checkId}/series?${range()}` }),
  },
  'GET /api/v1/checks/:checkId/failures': {
    minimum: 'viewer',
    success: 200,
    request: (t) => ({ url: `/api/v1/checks/${t.checkId}/failures` }),
  },
  'GET /api/v1/update-policies': {
    minimum: 'viewer',
    success: 200,
    request: () => ({ url: '/api/v1/update-policies' }),
  },
  'PUT /api/v1/update-policies': {
    minimum: 'admin',
    success: 200,
    request: () => ({
      url: '/api/v1/update-policies',
      payload: { scope: 'category', category: 'databases', policy: 'warn' },
    }),
  },
  'DELETE /api/v1/update-policies/:ruleId': {
    minimum: 'admin',
    success: 204,
    request: (t) => ({ url: `/api/v1/update-policies/${t.policyRuleId}` }),
  },
  'GET /api/v1/auto-updates': {
    minimum: 'viewer',
    success: 200,
    request: () => ({ url: '/api/v1/auto-updates' }),
  },
  'PUT /api/v1/auto-updates/settings': {
    minimum: 'admin',
    success: 200,
    request: () => ({
      url: '/api/v1/auto-updates/settings',
      payload: {
        enabled: true,
        timeZone: 'Europe/Berlin',
        weekdays: [6],
        startMinute: 120,
        durationMinutes: 180,
      },
    }),
  },
  'GET /api/v1/hosts/:hostId/containers/:containerId/update-policy': {
    minimum: 'viewer',
    success: 200,
    request: (t) => ({ url: `/api/v1/hosts/${t.hostId}/containers/${t.containerId}/update-policy` }),
  },
  'GET /api/v1/container-groups': {
    minimum: 'viewer',
    success: 200,
    request: () => ({ url: '/api/v1/container-groups' }),
  },
  'GET /api/v1/container-groups/:groupId': {
    minimum: 'viewer',
    success: 200,
    request: (t) => ({ url: `/api/v1/container-groups/${t.groupId}` }),
  },
  'POST /api/v1/container-groups': {
    minimum: 'admin',
    success: 201,
    request: () => ({
      url: '/api/v1/container-groups',
      payload: { name: `g-${randomUUID().slice(0, 8)}`, colour: '#2563eb' },
    }),
  },
  'PATCH /api/v1/container-groups/:groupId': {
    minimum: 'admin',
    success: 200,
    request: (t) => ({ url: `/api/v1/container-groups/${t.groupId}`, payload: { colour: '#dc2626' } }),
  },
  'DELETE /api/v1/container-groups/:groupId': {
    minimum: 'admin',
    success: 204,
    request: (t) => ({ url: `/api/v1/container-groups/${t.groupId}` }),
  },
  'PUT /api/v1/container-groups/:groupId/members/:hostId/:containerName': {
    minimum: 'operator',
    success: 204,
    request: (t) => ({ url: `/api/v1/container-groups/${t.groupId}/members/${t.hostId}/another-app` }),
  },
  'DELETE /api/v1/container-groups/:groupId/members/:hostId/:containerName': {
    minimum: 'operator',
    success: 204,
    request: (t) => ({ url: `/api/v1/container-groups/${t.groupId}/members/${t.hostId}/${t.containerName}` }),
  },
  'GET /api/v1/check-definitions': {
    minimum: 'viewer',
    success: 200,
    request: (t) => ({ url: `/api/v1/check-definitions?hostId=${t.hostId}` }),
  },
  'POST /api/v1/check-definitions': {
    minimum: 'operator',
    success: 201,
    request: (t) => ({
      url: '/api/v1/check-definitions',
      payload: {
        hostId: t.hostId,
        containerName: t.containerName,
        name: `c-${randomUUID().slice(0, 8)}`,
        spec: { kind: 'http', target: 'http://{{ip}}:{{port:80}}/' },
      },
    }),
  },
  'PATCH /api/v1/check-definitions/:definitionId': {
    minimum: 'operator',
    success: 200,
    request: (t) => ({ url: `/api/v1/check-definitions/${t.definitionId}`, payload: { enabled: false } }),
  },
  'DELETE /api/v1/check-definitions/:definitionId': {
    minimum: 'operator',
    success: 204,
    request: (t) => ({ url: `/api/v1/check-definitions/${t.definitionId}` }),
  },
  'GET /api/v1/autoheal-policies': {
    minimum: 'viewer',
    success: 200,
    request: (t) => ({ url: `/api/v1/autoheal-policies?hostId=${t.hostId}` }),
  },
  'POST /api/v1/autoheal-policies': {
    minimum: 'operator',
    success: 201,
    request: (t) => ({
      url: '/api/v1/autoheal-policies',
      payload: { hostId: t.hostId, containerName: `c-${randomUUID().slice(0, 8)}`, mode: 'on-failure' },
    }),
  },
  'PATCH /api/v1/autoheal-policies/:policyId': {
    minimum: 'operator',
    success: 200,
    request: (t) => ({ url: `/api/v1/autoheal-policies/${t.policyId}`, payload: { mode: 'off' } }),
  },
  'DELETE /api/v1/autoheal-policies/:policyId': {
    minimum: 'operator',
    success: 204,
    request: (t) => ({ url: `/api/v1/autoheal-policies/${t.policyId}` }),
  },
};

/** The routes the fleet area registered, as `METHOD url` keys. */
export function registeredFleetRoutes(harness: TestApi): string[] {
  return fleetRoutesOf(harness.api.ctx).map((route) => `${route.method} ${route.url}`);
}

/** A host with a container and an enrolment token in `orgId`, ready to be named by one request. */
export async function freshTargets(database: TestDatabase, orgId: string): Promise<Targets> {
  const hostId = await addHost(database, orgId, { labels: { env: 'prod' } });
  const containerName = `app-${randomUUID().slice(0, 8)}`;
  const groupId = await addContainerGroup(database, orgId, [{ hostId, containerName }]);
  return {
    orgId,
    hostId,
    containerId: await addContainer(database, orgId, hostId, { name: containerName }),
    containerName,
    tokenId: await addEnrolmentToken(database, orgId),
    groupId,
    checkId: await addCheckResult(database, orgId, hostId, containerName),
    definitionId: await addCheckDefinition(database, orgId, hostId, containerName),
    policyId: await addAutohealPolicy(database, orgId, hostId, containerName),
    credentialId: await addRegistryCredential(database, orgId),
    policyRuleId: await addUpdatePolicy(database, orgId, groupId),
  };
}
