import type { ApiApp, ApiContext } from '../../../context.js';
import { registerCreateChannel } from './create-channel.js';
import { registerDeleteChannel } from './delete-channel.js';
import { registerGetChannel } from './get-channel.js';
import { registerListChannels } from './list-channels.js';
import { registerTestChannel } from './test-channel.js';
import { registerUpdateChannel } from './update-channel.js';

/**
 * /api/v1/notification-channels: where alerts go. Anyone in the organisation sees the list (kind
 * and where it points); admins create, change, test and delete. Secret fields come back only in
 * the create answer.
 */
export function registerChannelRoutes(app: ApiApp, ctx: ApiContext): void {
  registerListChannels(app, ctx);
  registerGetChannel(app, ctx);
  registerCreateChannel(app, ctx);
  registerUpdateChannel(app, ctx);
  registerDeleteChannel(app, ctx);
  registerTestChannel(app, ctx);
}
