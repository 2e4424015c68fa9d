import { z } from 'zod';
import type { ChannelDefinition } from './channel-definition.js';
import { discordChannel, ZDiscordChannelSchema } from './discord.js';
import { emailChannel, ZEmailChannelSchema } from './email.js';
import { googleChatChannel, ZGoogleChatChannelSchema } from './google-chat.js';
import { gotifyChannel, ZGotifyChannelSchema } from './gotify.js';
import { matrixChannel, ZMatrixChannelSchema } from './matrix.js';
import { mattermostChannel, ZMattermostChannelSchema } from './mattermost.js';
import { teamsChannel, ZTeamsChannelSchema } from './msteams.js';
import { ntfyChannel, ZNtfyChannelSchema } from './ntfy.js';
import { opsgenieChannel, ZOpsgenieChannelSchema } from './opsgenie.js';
import { pagerDutyChannel, ZPagerDutyChannelSchema } from './pagerduty.js';
import { pushoverChannel, ZPushoverChannelSchema } from './pushover.js';
import { slackChannel, ZSlackChannelSchema } from './slack.js';
import { telegramChannel, ZTelegramChannelSchema } from './telegram.js';
import { webhookChannel, ZWebhookChannelSchema } from './webhook.js';

/** Every channel's configuration, told apart by `kind`: what the API validates and stores. */
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

type Definitions = { [K in ChannelKind]: ChannelDefinition<Extract<ChannelConfig, { kind: K }>> };

export const CHANNELS: Definitions = {
  email: emailChannel,
  webhook: webhookChannel,
  slack: slackChannel,
  mattermost: mattermostChannel,
  discord: discordChannel,
  msteams: teamsChannel,
  googlechat: googleChatChannel,
  telegram: telegramChannel,
  ntfy: ntfyChannel,
  gotify: gotifyChannel,
  pushover: pushoverChannel,
  pagerduty: pagerDutyChannel,
  opsgenie: opsgenieChannel,
  matrix: matrixChannel,
};

export const CHANNEL_KINDS = Object.keys(CHANNELS) as ChannelKind[];

export function channelDefinition<K extends ChannelKind>(kind: K): Definitions[K] {
  return CHANNELS[kind];
}

/**
 * The config split in two: what may be shown (lists, audit) and what is encrypted at rest and
 * returned only once. Joined again by `{ ...visible, ...secrets }`.
 */
export function splitSecrets(config: ChannelConfig): {
  visible: Record<string, unknown>;
  secrets: Record<string, unknown>;
} {
  const secretFields = new Set<string>(CHANNELS[config.kind].secretFields);
  const visible: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined) continue;
    (secretFields.has(key) ? secrets : visible)[key] = value;
  }
  return { visible, secrets };
}

/** Where the channel points, without its secrets: for lists, logs and the audit trail. */
export function describeChannel(config: ChannelConfig): string {
  return (CHANNELS[config.kind] as ChannelDefinition<ChannelConfig>).describe(config);
}
