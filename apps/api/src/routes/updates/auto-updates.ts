import { errorResponses, ZAutoUpdateSettingsSchema, ZAutoUpdatesViewSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../context.js';
import { principalOf } from '../../plugins/access-control.js';
import { getAutoUpdates, setAutoUpdateSettings } from '../../services/updates/auto-updates.js';

/**
 * GET /api/v1/auto-updates (every member; a member whose teams see some hosts only gets the
 * rollouts that touched those hosts, naming only them) — the automatic-update settings and the
 * recent rollouts with where and why one stopped; PUT /api/v1/auto-updates/settings (admins) —
 * turns them on or off and sets the window.
 */
export function registerAutoUpdates(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/auto-updates',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Automatic update settings and rollouts',
        tags: ['updates'],
        response: { 200: ZAutoUpdatesViewSchema, ...errorResponses },
      },
    },
    async (request) => getAutoUpdates(ctx, principalOf(request)),
  );
  app.put(
    '/api/v1/auto-updates/settings',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Set the automatic update settings',
        tags: ['updates'],
        body: ZAutoUpdateSettingsSchema,
        response: { 200: ZAutoUpdateSettingsSchema, ...errorResponses },
      },
    },
    async (request) => setAutoUpdateSettings(ctx, request, principalOf(request), request.body),
  );
}
