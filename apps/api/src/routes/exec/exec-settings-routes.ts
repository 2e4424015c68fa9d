import { errorResponses, ZExecSettingsSchema, ZExecSettingsUpdateSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../context.js';
import { principalOf } from '../../plugins/access-control.js';
import { readExecSettings } from '../../services/exec/exec-settings.js';
import { updateExecSettings } from '../../services/exec/update-exec-settings.js';
import { inOrg } from '../../services/in-org.js';

/** GET (any member: the console shows whether it may offer a terminal) and PATCH (admins) /api/v1/exec-settings. */
export function registerExecSettingsRoutes(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/exec-settings',
    {
      config: { access: 'viewer' },
      schema: {
        summary: "The organisation's exec terminal settings",
        tags: ['exec'],
        response: { 200: ZExecSettingsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return inOrg(ctx, principal, (tx) => readExecSettings(tx, principal.orgId, ctx.settings));
    },
  );
  app.patch(
    '/api/v1/exec-settings',
    {
      config: { access: 'admin' },
      schema: {
        summary: "Change the organisation's exec terminal settings",
        tags: ['exec'],
        body: ZExecSettingsUpdateSchema,
        response: { 200: ZExecSettingsSchema, ...errorResponses },
      },
    },
    async (request) => updateExecSettings(ctx, principalOf(request), request, request.body),
  );
}
