import type { z } from 'zod';
import type { Notification } from '../notification.js';
import type { DeliveryOutcome } from '../transport/delivery-outcome.js';
import type { TransportOptions } from '../transport/http-send.js';

export type SendContext = {
  transport: TransportOptions;
  /** The installation's SMTP server and sender, for e-mail channels without their own. */
  smtp: { url: string; from: string } | null;
};

/**
 * One kind of channel. `secretFields` are the config fields encrypted at rest, returned by the
 * API only when created and never written to logs or the audit; `describe` says where the
 * channel points without any of them (shown in lists and in the audit).
 */
export type ChannelDefinition<Config extends { kind: string }> = {
  kind: Config['kind'];
  label: string;
  schema: z.ZodType<Config>;
  secretFields: readonly (keyof Config & string)[];
  describe(config: Config): string;
  send(config: Config, notification: Notification, context: SendContext): Promise<DeliveryOutcome>;
};
