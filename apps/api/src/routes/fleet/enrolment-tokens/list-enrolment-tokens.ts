import { z } from 'zod';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listEnrolmentTokens } from '../../../services/fleet/list-enrolment-tokens.js';
import { decodeCursor, pageSchema, ZPageQuerySchema } from '../../../services/pagination.js';
import { ZEnrolmentTokenSchema } from '../schemas/enrolment-token-schemas.js';

const ZTokenCursorSchema = z.tuple([z.iso.datetime(), z.uuid()]);

/** GET /api/v1/enrolment-tokens — every token of the organisation, newest first. */
export function registerListEnrolmentTokens(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/enrolment-tokens',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'List enrolment tokens (with status: active, expired, revoked, exhausted)',
        tags: ['enrolment'],
        querystring: ZPageQuerySchema,
        response: { 200: pageSchema(ZEnrolmentTokenSchema) },
      },
    },
    async (request) => {
      const after = decodeCursor(ZTokenCursorSchema, request.query.cursor);
      return listEnrolmentTokens(ctx, principalOf(request), { limit: request.query.limit, after });
    },
  );
}
