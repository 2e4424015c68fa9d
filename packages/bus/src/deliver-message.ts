import type { Subscription } from './create-subscription-registry.js';
import type { BusLogger } from './types.js';

/**
 * Decodes once and calls every handler of the subscription. Nothing thrown here may escape: ioredis rethrows
 * listener exceptions as uncaught exceptions, which would take the whole process down.
 */
export function deliverMessage(sub: Subscription, raw: string, channel: string, logger: BusLogger): void {
  if (!sub.active || sub.handlers.size === 0) return;
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch (error) {
    logger.warn(
      { err: error, channel, subscription: sub.name, bytes: raw.length, preview: raw.slice(0, 120) },
      'bus: dropped a message that is not JSON',
    );
    return;
  }
  // Copy: a handler may unsubscribe itself or others while we iterate.
  for (const { handler } of [...sub.handlers]) {
    callHandler(handler, message, channel, sub.name, logger);
  }
}

function callHandler(
  handler: (message: unknown, channel: string) => void | Promise<void>,
  message: unknown,
  channel: string,
  subscription: string,
  logger: BusLogger,
): void {
  const report = (error: unknown) => {
    try {
      logger.error({ err: error, channel, subscription }, 'bus: message handler failed');
    } catch {
      // A broken logger must not break delivery either.
    }
  };
  try {
    const result = handler(message, channel);
    if (result instanceof Promise) result.catch(report);
  } catch (error) {
    report(error);
  }
}
