import {
  errorResponses,
  ZAutohealPolicyChangeSchema,
  ZAutohealPolicyListSchema,
  ZAutohealPolicyParamsSchema,
  ZAutohealPolicySchema,
  ZListAutohealPoliciesQuerySchema,
  ZNewAutohealPolicySchema,
  ZNoContentSchema,
} from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import {
  createAutohealPolicy,
  deleteAutohealPolicyById,
  listAutohealPoliciesFor,
  updateAutohealPolicyById,
} from '../../../services/autoheal/autoheal-policy-writes.js';

const TAGS = ['autoheal'];

/** GET /api/v1/autoheal-policies — auto-restart policies defined in the console. */
export function registerListAutohealPolicies(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/autoheal-policies',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'List auto-restart policies',
        description: "Per-container policies on hosts the caller may see, and every group's.",
        tags: TAGS,
        querystring: ZListAutohealPoliciesQuerySchema,
        response: { 200: ZAutohealPolicyListSchema, ...errorResponses },
      },
    },
    async (request) => listAutohealPoliciesFor(ctx, principalOf(request), request.query),
  );
}

/** POST /api/v1/autoheal-policies — one per container (host + name) or group. */
export function registerCreateAutohealPolicy(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/autoheal-policies',
    {
      config: { access: 'operator' },
      schema: {
        summary: 'Define an auto-restart policy',
        description:
          "On a container (`hostId` + `containerName`: operators, hosts they may see) or a group (`groupId`: admins). A container's `berth.autoheal*` labels win.",
        tags: TAGS,
        body: ZNewAutohealPolicySchema,
        response: { 201: ZAutohealPolicySchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await createAutohealPolicy(ctx, request, principalOf(request), request.body);
      return reply.code(201).send(created);
    },
  );
}

/** PATCH /api/v1/autoheal-policies/:policyId */
export function registerUpdateAutohealPolicy(app: ApiApp, ctx: ApiContext): void {
  app.patch(
    '/api/v1/autoheal-policies/:policyId',
    {
      config: { access: 'operator' },
      schema: {
        summary: 'Change an auto-restart policy',
        tags: TAGS,
        params: ZAutohealPolicyParamsSchema,
        body: ZAutohealPolicyChangeSchema,
        response: { 200: ZAutohealPolicySchema, ...errorResponses },
      },
    },
    async (request) =>
      updateAutohealPolicyById(ctx, request, principalOf(request), request.params.policyId, request.body),
  );
}

/** DELETE /api/v1/autoheal-policies/:policyId */
export function registerDeleteAutohealPolicy(app: ApiApp, ctx: ApiContext): void {
  app.delete(
    '/api/v1/autoheal-policies/:policyId',
    {
      config: { access: 'operator' },
      schema: {
        summary: 'Delete an auto-restart policy',
        tags: TAGS,
        params: ZAutohealPolicyParamsSchema,
        response: { 204: ZNoContentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteAutohealPolicyById(ctx, request, principalOf(request), request.params.policyId);
      return reply.code(204).send(null);
    },
  );
}
