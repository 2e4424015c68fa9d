import type { Notification } from '../notification.js';
import type { DeliveryOutcome } from '../transport/delivery-outcome.js';
import type { TransportOptions } from '../transport/http-send.js';

export type SendContext = {
  transport: TransportOptions;
  /** The installation's SMTP server and sender, for e-mail channels without their own. */
  smtp: { url: string; from: string } | null;
};

/**
 * How one kind of channel sends (its schema, label and secret fields are the contract's
 * CHANNEL_KINDS); `describe` says where the channel points without any secret (shown in lists
 * and in the audit).
 */
export type ChannelDefinition<Config extends { kind: string }> = {
  kind: Config['kind'];
  describe(config: Config): string;
  send(config: Config, notification: Notification, context: SendContext): Promise<DeliveryOutcome>;
};
