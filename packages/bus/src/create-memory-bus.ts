import { consoleLogger } from './console-logger.js';
import { createMemoryKeyStore } from './create-memory-key-store.js';
import { createMemoryStreams } from './create-memory-streams.js';
import { createSubscriptionRegistry, type Subscription } from './create-subscription-registry.js';
import { deliverMessage } from './deliver-message.js';
import { matchGlob } from './match-glob.js';
import type { Bus, BusLogger } from './types.js';
import { assertName, assertPositiveInteger, encodeJson } from './validate-args.js';

export type MemoryBusOptions = {
  /** Receives handler failures; defaults to the console. */
  logger?: BusLogger;
  /** How often expired keys nobody reads are dropped; reads check expiry exactly regardless. */
  sweepIntervalMs?: number;
};

const nothing = async () => undefined;

/**
 * The bus for embedded mode: everything in this process. Create ONE and share it between gateway and API;
 * two memory buses do not see each other. Messages still go through JSON and are delivered on a later
 * turn of the event loop, so code behaves the same as against Redis.
 */
export function createMemoryBus(options: MemoryBusOptions = {}): Bus {
  const logger = options.logger ?? consoleLogger;
  const channelSubs = createSubscriptionRegistry({ open: nothing, close: nothing });
  const patternSubs = createSubscriptionRegistry({ open: nothing, close: nothing });
  const store = createMemoryKeyStore(options.sweepIntervalMs ?? 1000);
  const streams = createMemoryStreams();
  let closed = false;

  // Like `await` on a Redis command: errors surface as rejections, never synchronously.
  const run = async <T>(operation: () => T): Promise<T> => {
    if (closed) throw new Error('bus is closed');
    return operation();
  };

  function receivers(channel: string): Subscription[] {
    const targets: Subscription[] = [];
    const exact = channelSubs.get(channel);
    if (exact) targets.push(exact);
    for (const sub of patternSubs.all()) if (matchGlob(sub.name, channel)) targets.push(sub);
    return targets;
  }

  return {
    publish: (channel, message) =>
      run(() => {
        assertName('channel', channel);
        const raw = encodeJson(message);
        // Receivers are fixed at publish time, as Redis does; handlers are read at delivery.
        const targets = receivers(channel);
        if (targets.length > 0) {
          setImmediate(() => {
            for (const sub of targets) if (!closed) deliverMessage(sub, raw, channel, logger);
          });
        }
        return targets.length;
      }),
    subscribe: (channel, handler) =>
      run(() => assertName('channel', channel)).then(() => channelSubs.add(channel, handler)),
    psubscribe: (pattern, handler, decode) =>
      run(() => assertName('pattern', pattern)).then(() => patternSubs.add(pattern, handler, decode)),
    setKey: (key, value, ttlMs) => run(() => store.set(key, value, ttlMs)),
    getKey: (key) => run(() => store.get(key)),
    deleteKeyIf: (key, expected) => run(() => store.deleteIf(key, expected)),
    refreshKeyIf: (key, expected, ttlMs) => run(() => store.refreshIf(key, expected, ttlMs)),
    appendEvent: (stream, event, maxLen) =>
      run(() => {
        assertPositiveInteger('maxLen', maxLen);
        return streams.append(stream, encodeJson(event), maxLen);
      }),
    readEventsAfter: (stream, afterId, limit) => run(() => streams.readAfter(stream, afterId, limit)),
    close: async () => {
      closed = true;
      channelSubs.clear();
      patternSubs.clear();
      store.stop();
    },
  };
}
