import { errorResponses, ZNewOrgSchema, ZOrgSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { createOrg } from '../../../services/identity/orgs/create-org.js';
import { signedInCallerOf } from '../../../services/identity/signed-in-caller.js';

/** POST /api/v1/orgs — another organisation, with me as its owner. */
export function registerCreateOrg(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/orgs',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'Create an organisation',
        tags: ['orgs'],
        body: ZNewOrgSchema,
        response: { 201: ZOrgSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const org = await createOrg(ctx, request, signedInCallerOf(request), request.body);
      return reply.code(201).send(org);
    },
  );
}
