import { ZEnrolmentTokenPageSchema, ZListEnrolmentTokensQuerySchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listEnrolmentTokens } from '../../../services/fleet/list-enrolment-tokens.js';

/** GET /api/v1/enrolment-tokens — every token of the organisation, newest first. */
export function registerListEnrolmentTokens(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/enrolment-tokens',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'List enrolment tokens (with status: active, expired, revoked, exhausted)',
        tags: ['enrolment'],
        querystring: ZListEnrolmentTokensQuerySchema,
        response: { 200: ZEnrolmentTokenPageSchema },
      },
    },
    async (request) => listEnrolmentTokens(ctx, principalOf(request), request.query),
  );
}
