import {
  errorResponses,
  ZImageUpdateSettingsChangeSchema,
  ZImageUpdateSettingsSchema,
} from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import {
  getImageUpdateSettings,
  setImageUpdateSettings,
} from '../../../services/image-updates/image-update-settings.js';

/** GET (any member: the Updates page shows it) and PUT (admins) /api/v1/image-update-settings. */
export function registerImageUpdateSettings(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/image-update-settings',
    {
      config: { access: 'viewer' },
      schema: {
        summary: "How often this organisation's image references are checked (null: the server's default)",
        tags: ['image-updates'],
        response: { 200: ZImageUpdateSettingsSchema, ...errorResponses },
      },
    },
    async (request) => getImageUpdateSettings(ctx, principalOf(request)),
  );
  app.put(
    '/api/v1/image-update-settings',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Set how often each image reference is checked (300 s – 7 days; null: the server default)',
        tags: ['image-updates'],
        body: ZImageUpdateSettingsChangeSchema,
        response: { 200: ZImageUpdateSettingsSchema, ...errorResponses },
      },
    },
    async (request) => setImageUpdateSettings(ctx, principalOf(request), request, request.body),
  );
}
