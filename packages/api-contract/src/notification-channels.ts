import { z } from 'zod';
import { pageSchema } from './paging.js';
import { ZIsoDateSchema, ZUuidSchema } from './primitives.js';

// Notification channels' configuration, one schema per kind: what the API validates and stores
// (secret fields sealed at rest) and what the console's forms are built from. Sending lives in
// @berth/notify, which takes these schemas from here.

/** An http(s) URL with a host: what every webhook-style channel posts to. */
export const ZHttpUrlSchema = z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).max(2000);

/** A token or key pasted from a receiver's settings page: printable, no whitespace. */
const tokenSchema = (what: string, pattern = /^[\x21-\x7e]+$/) =>
  z.string().trim().min(8, `${what} looks too short`).max(500).regex(pattern, `not a valid ${what}`);

const KEY = /^[A-Za-z0-9]{30}$/;

export const ZEmailChannelSchema = z.object({
  kind: z.literal('email'),
  to: z.array(z.email('an e-mail address')).min(1, 'at least one address').max(20, 'at most 20 addresses'),
  /** Its own server (`smtp://user:pass@host:587`, `smtps://…:465`); the installation's by default. */
  smtpUrl: z
    .url({ protocol: /^smtps?$/, error: 'an smtp:// or smtps:// URL' })
    .max(1000)
    .optional(),
});
export type EmailChannel = z.infer<typeof ZEmailChannelSchema>;

export const ZWebhookChannelSchema = z.object({
  kind: z.literal('webhook'),
  url: ZHttpUrlSchema,
  /** Signs each body (HMAC-SHA256) so the receiver can tell it came from Berth. */
  signingSecret: z.string().min(16, 'at least 16 characters').max(200).optional(),
  /** Extra headers, e.g. an Authorization the receiver wants. */
  headers: z
    .record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a header name'), z.string().max(1000))
    .refine((headers) => Object.keys(headers).length <= 10, 'at most 10 headers')
    .default({}),
});
export type WebhookChannel = z.infer<typeof ZWebhookChannelSchema>;

export const ZSlackChannelSchema = z.object({ kind: z.literal('slack'), webhookUrl: ZHttpUrlSchema });
export type SlackChannel = z.infer<typeof ZSlackChannelSchema>;

export const ZMattermostChannelSchema = z.object({
  kind: z.literal('mattermost'),
  webhookUrl: ZHttpUrlSchema,
  /** Overrides the webhook's channel, e.g. `town-square` (where the webhook allows it). */
  channel: z
    .string()
    .regex(/^[a-z0-9_-]{1,64}$/, 'a channel name')
    .optional(),
});
export type MattermostChannel = z.infer<typeof ZMattermostChannelSchema>;

export const ZDiscordChannelSchema = z.object({ kind: z.literal('discord'), webhookUrl: ZHttpUrlSchema });
export type DiscordChannel = z.infer<typeof ZDiscordChannelSchema>;

export const ZTeamsChannelSchema = z.object({
  kind: z.literal('msteams'),
  /** A Teams "Workflows" (Power Automate) webhook: Office 365 connectors are retired. */
  webhookUrl: ZHttpUrlSchema,
});
export type TeamsChannel = z.infer<typeof ZTeamsChannelSchema>;

export const ZGoogleChatChannelSchema = z.object({
  kind: z.literal('googlechat'),
  webhookUrl: ZHttpUrlSchema,
});
export type GoogleChatChannel = z.infer<typeof ZGoogleChatChannelSchema>;

export const ZTelegramChannelSchema = z.object({
  kind: z.literal('telegram'),
  botToken: tokenSchema('bot token (123456:ABC…)', /^\d{5,}:[A-Za-z0-9_-]{20,}$/),
  /** A chat id (`-1001234567890`) or a public channel (`@name`). */
  chatId: z.string().regex(/^(-?\d{1,20}|@[A-Za-z0-9_]{5,32})$/, 'a chat id or @channel'),
  /** A topic of a forum supergroup. */
  messageThreadId: z.int().positive().optional(),
  /** A self-hosted Bot API server; the public one by default. */
  apiUrl: ZHttpUrlSchema.default('https://api.telegram.org'),
});
export type TelegramChannel = z.infer<typeof ZTelegramChannelSchema>;

export const ZNtfyChannelSchema = z.object({
  kind: z.literal('ntfy'),
  serverUrl: ZHttpUrlSchema.default('https://ntfy.sh'),
  /** Anyone who knows a topic on a public server can read it: pick a long, unguessable one. */
  topic: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ (at most 64)'),
  /** An access token (`tk_…`) for a protected topic. */
  accessToken: tokenSchema('access token').optional(),
});
export type NtfyChannel = z.infer<typeof ZNtfyChannelSchema>;

export const ZGotifyChannelSchema = z.object({
  kind: z.literal('gotify'),
  serverUrl: ZHttpUrlSchema,
  /** The application token Gotify shows under Apps. */
  appToken: tokenSchema('application token'),
});
export type GotifyChannel = z.infer<typeof ZGotifyChannelSchema>;

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

export const ZPagerDutyChannelSchema = z.object({
  kind: z.literal('pagerduty'),
  /** The integration key of an Events API v2 integration. */
  routingKey: z.string().regex(/^[A-Za-z0-9]{32}$/, 'a 32-character integration key'),
  /** `https://events.eu.pagerduty.com` for EU accounts. */
  apiUrl: ZHttpUrlSchema.default('https://events.pagerduty.com'),
});
export type PagerDutyChannel = z.infer<typeof ZPagerDutyChannelSchema>;

export const ZOpsgenieChannelSchema = z.object({
  kind: z.literal('opsgenie'),
  apiKey: tokenSchema('API key'),
  /** `https://api.eu.opsgenie.com` for EU accounts. */
  apiUrl: ZHttpUrlSchema.default('https://api.opsgenie.com'),
});
export type OpsgenieChannel = z.infer<typeof ZOpsgenieChannelSchema>;

export const ZMatrixChannelSchema = z.object({
  kind: z.literal('matrix'),
  homeserverUrl: ZHttpUrlSchema,
  /** A bot account's access token; the account must have joined the room. */
  accessToken: tokenSchema('access token'),
  roomId: z.string().regex(/^![A-Za-z0-9._=/+-]+:[A-Za-z0-9.-]+(:\d+)?$/, 'a room id like !abc:example.org'),
});
export type MatrixChannel = z.infer<typeof ZMatrixChannelSchema>;

/** Every channel's configuration, told apart by `kind`. */
export const ZChannelConfigSchema = z.discriminatedUnion('kind', [
  ZEmailChannelSchema,
  ZWebhookChannelSchema,
  ZSlackChannelSchema,
  ZMattermostChannelSchema,
  ZDiscordChannelSchema,
  ZTeamsChannelSchema,
  ZGoogleChatChannelSchema,
  ZTelegramChannelSchema,
  ZNtfyChannelSchema,
  ZGotifyChannelSchema,
  ZPushoverChannelSchema,
  ZPagerDutyChannelSchema,
  ZOpsgenieChannelSchema,
  ZMatrixChannelSchema,
]);
export type ChannelConfig = z.infer<typeof ZChannelConfigSchema>;
export type ChannelConfigInput = z.input<typeof ZChannelConfigSchema>;
export type ChannelKind = ChannelConfig['kind'];

type KindInfo<K extends ChannelKind> = {
  label: string;
  /**
   * Fields sealed at rest, returned by the API only in the answer that created them, never
   * logged or audited (a webhook URL is itself the credential).
   */
  secretFields: readonly (keyof Extract<ChannelConfig, { kind: K }> & string)[];
};

export const CHANNEL_KINDS: { readonly [K in ChannelKind]: KindInfo<K> } = {
  email: { label: 'E-mail', secretFields: ['smtpUrl'] },
  webhook: { label: 'Webhook', secretFields: ['url', 'signingSecret', 'headers'] },
  slack: { label: 'Slack', secretFields: ['webhookUrl'] },
  mattermost: { label: 'Mattermost', secretFields: ['webhookUrl'] },
  discord: { label: 'Discord', secretFields: ['webhookUrl'] },
  msteams: { label: 'Microsoft Teams', secretFields: ['webhookUrl'] },
  googlechat: { label: 'Google Chat', secretFields: ['webhookUrl'] },
  telegram: { label: 'Telegram', secretFields: ['botToken'] },
  // The topic is the secret on a public ntfy server: whoever knows it can subscribe.
  ntfy: { label: 'ntfy', secretFields: ['topic', 'accessToken'] },
  gotify: { label: 'Gotify', secretFields: ['appToken'] },
  pushover: { label: 'Pushover', secretFields: ['userKey', 'appToken'] },
  pagerduty: { label: 'PagerDuty', secretFields: ['routingKey'] },
  opsgenie: { label: 'Opsgenie', secretFields: ['apiKey'] },
  matrix: { label: 'Matrix', secretFields: ['accessToken'] },
};

export const CHANNEL_KIND_NAMES = Object.keys(CHANNEL_KINDS) as ChannelKind[];

/**
 * The config split in two: what may be shown (lists, audit) and what is sealed at rest and
 * returned only once. Joined again by `{ ...visible, ...secrets }`.
 */
export function splitChannelSecrets(config: ChannelConfig): {
  visible: Record<string, unknown>;
  secrets: Record<string, unknown>;
} {
  const secretFields = new Set<string>(CHANNEL_KINDS[config.kind].secretFields);
  const visible: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined) continue;
    (secretFields.has(key) ? secrets : visible)[key] = value;
  }
  return { visible, secrets };
}

export const ZChannelKindSchema = z.enum(CHANNEL_KIND_NAMES as [ChannelKind, ...ChannelKind[]]);
export const ZChannelNameSchema = z.string().trim().min(1).max(100);

/** A channel as the API shows it: its secret fields are stored sealed and never shown again. */
export const ZNotificationChannelSchema = z.object({
  id: ZUuidSchema,
  name: z.string(),
  kind: ZChannelKindSchema,
  /** Where it points, without secrets, e.g. "Slack webhook on hooks.slack.com". */
  description: z.string(),
  /** The kind's fields that are not secret (Telegram's chat id, e-mail recipients, …). */
  config: z.record(z.string(), z.unknown()),
  /** The secret fields this channel has stored (their values are not returned). */
  storedSecrets: z.array(z.string()),
  enabled: z.boolean(),
  createdAt: ZIsoDateSchema,
  updatedAt: ZIsoDateSchema,
  lastDelivery: z.object({ at: ZIsoDateSchema, ok: z.boolean(), error: z.string().nullable() }).nullable(),
});
export type NotificationChannel = z.infer<typeof ZNotificationChannelSchema>;
export const ZNotificationChannelPageSchema = pageSchema(ZNotificationChannelSchema);

/** The answer to a create: the only time the secret fields come back. */
export const ZCreatedNotificationChannelSchema = ZNotificationChannelSchema.extend({
  secrets: z.record(z.string(), z.unknown()),
});

export const ZNewNotificationChannelSchema = z.object({
  name: ZChannelNameSchema,
  enabled: z.boolean().default(true),
  config: ZChannelConfigSchema,
});
export type NewNotificationChannel = z.input<typeof ZNewNotificationChannelSchema>;

/**
 * A change: `config` fields given replace the stored ones, secret fields left out keep their
 * stored values (rename a channel or change a chat id without pasting the token again); the
 * result is validated as a whole, errors naming `config.<field>`. The kind cannot change.
 */
export const ZNotificationChannelChangeSchema = z
  .object({
    name: ZChannelNameSchema.optional(),
    enabled: z.boolean().optional(),
    config: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((change) => Object.values(change).some((value) => value !== undefined), 'nothing to change');
export type NotificationChannelChange = z.input<typeof ZNotificationChannelChangeSchema>;

export const ZNotificationChannelParamsSchema = z.object({ channelId: ZUuidSchema });

/** What a test send did (it is also recorded as the channel's last delivery). */
export const ZChannelTestResultSchema = z.object({
  ok: z.boolean(),
  /** For people; never contains a secret of the channel. */
  error: z.string().nullable(),
  /** The failure may pass by itself (rate limit, receiver down); false: the channel needs fixing. */
  retryable: z.boolean(),
  durationMs: z.number(),
});
export type ChannelTestResult = z.infer<typeof ZChannelTestResultSchema>;
