import type { Subscription } from './create-subscription-registry.js';
import type { BusLogger } from './types.js';

/**
 * Decodes once (JSON.parse, when a handler without its own decoder is there; a handler with
 * one gets what it makes of the raw message) and calls every handler of the subscription. Nothing thrown here may escape: ioredis rethrows
 * listener exceptions as uncaught exceptions, which would take the whole process down.
 */
export function deliverMessage(sub: Subscription, raw: string, channel: string, logger: BusLogger): void {
  if (!sub.active || sub.handlers.size === 0) return;
  let parsed: { message: unknown } | null | undefined;
  // Copy: a handler may unsubscribe itself or others while we iterate.
  for (const { handler, decode } of [...sub.handlers]) {
    let message: unknown;
    if (decode) {
      const decoded = decodeWith(decode, raw, channel, sub.name, logger);
      if (!decoded) continue;
      message = decoded.message;
    } else {
      // Once for all such handlers, and one warning if it is not JSON (null: tried and failed).
      if (parsed === undefined) parsed = decodeWith(JSON.parse, raw, channel, sub.name, logger);
      if (!parsed) continue;
      message = parsed.message;
    }
    callHandler(handler, message, channel, sub.name, logger);
  }
}

function decodeWith(
  decode: (raw: string) => unknown,
  raw: string,
  channel: string,
  subscription: string,
  logger: BusLogger,
): { message: unknown } | null {
  try {
    return { message: decode(raw) };
  } catch (error) {
    logger.warn(
      { err: error, channel, subscription, bytes: raw.length, preview: raw.slice(0, 120) },
      'bus: dropped a message that is not JSON',
    );
    return null;
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
