import { randomUUID } from 'node:crypto';
import type { Role } from '@berth/db';
import type { TestDatabase } from '@berth/db/testing';
import { fleetRoutesOf } from '../../routes/fleet/register-fleet-routes.js';
import type { TestApi } from '../api-harness.js';
import {
  addCheckResult,
  addContainer,
  addContainerGroup,
  addEnrolmentToken,
  addHost,
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
    policyRuleId: await addUpdatePolicy(database, orgId, groupId),
  };
}
