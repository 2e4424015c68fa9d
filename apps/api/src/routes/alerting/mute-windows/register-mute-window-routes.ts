import type { ApiApp, ApiContext } from '../../../context.js';
import { registerCreateMuteWindow } from './create-mute-window.js';
import { registerDeleteMuteWindow } from './delete-mute-window.js';
import { registerGetMuteWindow } from './get-mute-window.js';
import { registerListMuteWindows } from './list-mute-windows.js';
import { registerUpdateMuteWindow } from './update-mute-window.js';

/**
 * /api/v1/alert-mute-windows: recurring maintenance windows and quiet hours. Standing policy
 * like rules and channels, so admins manage them; everyone reads them.
 */
export function registerMuteWindowRoutes(app: ApiApp, ctx: ApiContext): void {
  registerListMuteWindows(app, ctx);
  registerGetMuteWindow(app, ctx);
  registerCreateMuteWindow(app, ctx);
  registerUpdateMuteWindow(app, ctx);
  registerDeleteMuteWindow(app, ctx);
}
