import { type ChannelConfig, type ChannelKind, CHANNEL_KINDS as KIND_INFO } from '@berth/api-contract';
import type { ChannelDefinition } from './channel-definition.js';
import { discordChannel } from './discord.js';
import { emailChannel } from './email.js';
import { googleChatChannel } from './google-chat.js';
import { gotifyChannel } from './gotify.js';
import { matrixChannel } from './matrix.js';
import { mattermostChannel } from './mattermost.js';
import { teamsChannel } from './msteams.js';
import { ntfyChannel } from './ntfy.js';
import { opsgenieChannel } from './opsgenie.js';
import { pagerDutyChannel } from './pagerduty.js';
import { pushoverChannel } from './pushover.js';
import { slackChannel } from './slack.js';
import { telegramChannel } from './telegram.js';
import { webhookChannel } from './webhook.js';

type Definitions = { [K in ChannelKind]: ChannelDefinition<Extract<ChannelConfig, { kind: K }>> };

/** How each kind renders and sends; `KIND_INFO` (the contract) has its label and secret fields. */
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

export function channelDefinition<K extends ChannelKind>(kind: K): Definitions[K] {
  return CHANNELS[kind];
}

/** Where the channel points, without its secrets: for lists, logs and the audit trail. */
export function describeChannel(config: ChannelConfig): string {
  return (CHANNELS[config.kind] as ChannelDefinition<ChannelConfig>).describe(config);
}

/** The receiver's name for messages (`Slack answered HTTP 404`). */
export const labelOf = (kind: ChannelKind): string => KIND_INFO[kind].label;
