import type { ChannelConfig } from '@berth/api-contract';
import type { ChannelDefinition, SendContext } from './channels/channel-definition.js';
import { CHANNELS, labelOf } from './channels/index.js';
import type { Notification } from './notification.js';
import type { DeliveryOutcome } from './transport/delivery-outcome.js';

/**
 * Sends one notification to one channel and says how it went. Never throws: every failure is
 * an outcome the caller records and, when `retryable`, tries again later (durably: the
 * caller's queue, not this function, owns retries).
 */
export async function deliver(
  config: ChannelConfig,
  notification: Notification,
  context: SendContext,
): Promise<DeliveryOutcome> {
  const definition = CHANNELS[config.kind] as ChannelDefinition<ChannelConfig>;
  try {
    return await definition.send(config, notification, context);
  } catch (error) {
    // A bug in a channel module, not the receiver: surface it, do not hammer the receiver.
    return {
      ok: false,
      retryable: false,
      retryAfterMs: null,
      error: `${labelOf(config.kind)}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
