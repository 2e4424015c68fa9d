import { ZMeSchema } from '@berth/api-contract';
import type { ApiApp } from '../context.js';

/** GET /api/v1/me — who the API thinks you are, and your organisations. */
export function registerGetMe(app: ApiApp): void {
  app.get(
    '/api/v1/me',
    {
      config: { access: 'viewer' },
      schema: { summary: 'The calling user or token', tags: ['identity'], response: { 200: ZMeSchema } },
    },
    async (request) => {
      const caller = request.caller;
      if (caller.kind === 'token') {
        const { principal } = caller;
        return {
          kind: 'token' as const,
          userId: principal.kind === 'token' ? principal.createdBy : null,
          org: { id: principal.orgId, role: principal.role },
          memberships: [],
        };
      }
      if (caller.kind !== 'user') throw new Error('unreachable: access control admits users and tokens only');
      return {
        kind: 'user' as const,
        userId: caller.userId,
        org: caller.principal ? { id: caller.principal.orgId, role: caller.principal.role } : null,
        memberships: caller.memberships,
      };
    },
  );
}
