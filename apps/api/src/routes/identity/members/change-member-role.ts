import {
  errorResponses,
  ZChangedRoleSchema,
  ZChangeRoleSchema,
  ZUserIdParamsSchema,
} from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { changeMemberRole } from '../../../services/identity/members/change-member-role.js';

/** PATCH /api/v1/members/:userId — another role (owners grant owner; the last owner stays). */
export function registerChangeMemberRole(app: ApiApp, ctx: ApiContext): void {
  app.patch(
    '/api/v1/members/:userId',
    {
      config: { access: 'admin' },
      schema: {
        summary: "Change a member's role",
        tags: ['members'],
        params: ZUserIdParamsSchema,
        body: ZChangeRoleSchema,
        response: { 200: ZChangedRoleSchema, ...errorResponses },
      },
    },
    async (request) =>
      changeMemberRole(ctx, request, principalOf(request), request.params.userId, request.body.role),
  );
}
