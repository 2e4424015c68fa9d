import { ZEnrolmentTokenSchema, ZTokenParamsSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { revokeEnrolmentToken } from '../../../services/fleet/revoke-enrolment-token.js';

/** POST /api/v1/enrolment-tokens/:tokenId/revoke — no more hosts may enrol with it. */
export function registerRevokeEnrolmentToken(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/enrolment-tokens/:tokenId/revoke',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Revoke an enrolment token (hosts already enrolled are not affected)',
        tags: ['enrolment'],
        params: ZTokenParamsSchema,
        response: { 200: ZEnrolmentTokenSchema },
      },
    },
    async (request) => revokeEnrolmentToken(ctx, principalOf(request), request, request.params.tokenId),
  );
}
