import type { ApiApp, ApiContext } from '../../../context.js';
import { registerCreateSilence } from './create-silence.js';
import { registerExpireSilence } from './expire-silence.js';
import { registerListSilences } from './list-silences.js';

/**
 * /api/v1/alert-silences: "I know, stop telling me" for a while. Everyone reads them; operators
 * and up (who act on alerts) create and expire them.
 */
export function registerSilenceRoutes(app: ApiApp, ctx: ApiContext): void {
  registerListSilences(app, ctx);
  registerCreateSilence(app, ctx);
  registerExpireSilence(app, ctx);
}
