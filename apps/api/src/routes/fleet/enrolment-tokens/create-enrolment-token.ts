import { ZCreatedEnrolmentTokenSchema, ZCreateEnrolmentTokenSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { createEnrolmentToken } from '../../../services/fleet/create-enrolment-token.js';

/** POST /api/v1/enrolment-tokens — a token for enrolling hosts, with its one-line install command. */
export function registerCreateEnrolmentToken(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/enrolment-tokens',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Create an enrolment token (the secret and install command are shown once)',
        tags: ['enrolment'],
        body: ZCreateEnrolmentTokenSchema,
        response: { 201: ZCreatedEnrolmentTokenSchema },
      },
    },
    async (request, reply) => {
      const created = await createEnrolmentToken(ctx, principalOf(request), request, request.body);
      return reply.status(201).send(created);
    },
  );
}
