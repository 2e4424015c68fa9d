import { z } from 'zod';
import type { Notification, Severity } from '../notification.js';
import { clip, plainText, titleOf, worstSeverity } from '../render/summarise.js';
import type { ChannelDefinition } from './channel-definition.js';
import { ZHttpUrlSchema } from './config-fields.js';
import { JSON_HEADERS, joinUrl, sendHttp } from './send-http.js';

const KEY = /^[A-Za-z0-9]{30}$/;

export const ZPushoverChannelSchema = z.object({
  kind: z.literal('pushover'),
  userKey: z.string().regex(KEY, 'a 30-character user or group key'),
  appToken: z.string().regex(KEY, 'a 30-character application token'),
  device: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,25}$/, 'a device name')
    .optional(),
  apiUrl: ZHttpUrlSchema.default('https://api.pushover.net'),
});
export type PushoverChannel = z.infer<typeof ZPushoverChannelSchema>;

/** Pushover priority 1 bypasses quiet hours; 2 (acknowledge-to-stop) is left to PagerDuty-style tools. */
const PRIORITY: Record<Severity, number> = { critical: 1, warning: 0, info: -1 };

export function pushoverBody(config: PushoverChannel, notification: Notification): string {
  return JSON.stringify({
    token: config.appToken,
    user: config.userKey,
    ...(config.device ? { device: config.device } : {}),
    title: clip(titleOf(notification), 250),
    message: plainText(notification, 1024),
    priority: notification.status === 'resolved' ? -1 : PRIORITY[worstSeverity(notification)],
    ...(notification.consoleUrl ? { url: notification.consoleUrl, url_title: 'Open in Berth' } : {}),
  });
}

export const pushoverChannel: ChannelDefinition<PushoverChannel> = {
  kind: 'pushover',
  label: 'Pushover',
  schema: ZPushoverChannelSchema,
  secretFields: ['userKey', 'appToken'],
  describe: (config) => `Pushover${config.device ? ` (device ${config.device})` : ''}`,
  send: (config, notification, context) =>
    sendHttp(
      {
        method: 'POST',
        url: joinUrl(config.apiUrl, '1/messages.json'),
        headers: { ...JSON_HEADERS },
        body: pushoverBody(config, notification),
      },
      context,
      { receiver: 'Pushover', secrets: [config.userKey, config.appToken] },
    ),
};
