import { closeRedis, connectRedis } from './connect-redis.js';
import { consoleLogger } from './console-logger.js';
import { createSubscriptionRegistry } from './create-subscription-registry.js';
import { deliverMessage } from './deliver-message.js';
import { escapeGlob } from './match-glob.js';
import { EVENT_FIELD, readRedisEvents } from './read-redis-events.js';
import { DELETE_IF_EQUALS, EXPIRE_IF_EQUALS } from './redis-scripts.js';
import type { Bus, BusLogger } from './types.js';
import { assertName, assertPositiveInteger, encodeJson } from './validate-args.js';

export type RedisBusOptions = {
  /** Receives connection errors, handler failures and malformed messages; defaults to the console. */
  logger?: BusLogger;
  /**
   * Put in front of every channel, pattern, key and stream, so deployments (or test runs) can share one
   * Redis. Handlers never see it. Default `berth:`.
   */
  prefix?: string;
  /** CLIENT SETNAME base, e.g. `gateway-3`; the connections are `<name>:cmd` and `<name>:sub`. */
  name?: string;
  /** Cap of the reconnect backoff. Default 5000 ms. */
  maxBackoffMs?: number;
  /**
   * Reconnect attempts a command waits through before it rejects, so a publish fails fast while Redis is
   * down instead of hanging a request. Subscriptions always wait. Default 3.
   */
  maxRetriesPerRequest?: number;
};

/**
 * The production bus. One connection for commands and publishing, one in subscriber mode; ioredis
 * reconnects both and re-issues every SUBSCRIBE/PSUBSCRIBE after a reconnect. Messages published while the
 * subscriber is disconnected are lost (that is pub/sub); actions survive it because gateways re-send a
 * host's queued actions on connect.
 */
export function createRedisBus(url: string, options: RedisBusOptions = {}): Bus {
  const logger: BusLogger = options.logger ?? consoleLogger;
  const prefix = options.prefix ?? 'berth:';
  const patternPrefix = escapeGlob(prefix);
  const name = options.name ?? 'berth';
  const common = { url, logger, maxBackoffMs: options.maxBackoffMs ?? 5000 };
  const maxRetries = options.maxRetriesPerRequest ?? 3;
  const commands = connectRedis({
    ...common,
    connectionName: `${name}:cmd`,
    maxRetriesPerRequest: maxRetries,
  });
  const subscriber = connectRedis({ ...common, connectionName: `${name}:sub`, maxRetriesPerRequest: null });

  let closed = false;
  let closing: Promise<void> | undefined;
  const channelSubs = createSubscriptionRegistry({
    open: (channel) => subscriber.subscribe(prefix + channel),
    close: (channel) => (closed ? Promise.resolve() : subscriber.unsubscribe(prefix + channel)),
  });
  const patternSubs = createSubscriptionRegistry({
    open: (pattern) => subscriber.psubscribe(patternPrefix + pattern),
    close: (pattern) => (closed ? Promise.resolve() : subscriber.punsubscribe(patternPrefix + pattern)),
  });

  subscriber.on('message', (channel: string, raw: string) => {
    const sub = channel.startsWith(prefix) ? channelSubs.get(channel.slice(prefix.length)) : undefined;
    if (sub) deliverMessage(sub, raw, channel.slice(prefix.length), logger);
  });
  subscriber.on('pmessage', (pattern: string, channel: string, raw: string) => {
    const sub = pattern.startsWith(patternPrefix)
      ? patternSubs.get(pattern.slice(patternPrefix.length))
      : undefined;
    if (sub) deliverMessage(sub, raw, channel.slice(prefix.length), logger);
  });

  const open = async () => {
    if (closed) throw new Error('bus is closed');
  };

  return {
    async publish(channel, message) {
      await open();
      assertName('channel', channel);
      return commands.publish(prefix + channel, encodeJson(message));
    },
    async subscribe(channel, handler) {
      await open();
      assertName('channel', channel);
      return channelSubs.add(channel, handler);
    },
    async psubscribe(pattern, handler, decode) {
      await open();
      assertName('pattern', pattern);
      return patternSubs.add(pattern, handler, decode);
    },
    async setKey(key, value, ttlMs) {
      await open();
      assertPositiveInteger('ttlMs', ttlMs);
      await commands.set(prefix + key, value, 'PX', ttlMs);
    },
    async getKey(key) {
      await open();
      return commands.get(prefix + key);
    },
    async deleteKeyIf(key, expectedValue) {
      await open();
      return (await commands.eval(DELETE_IF_EQUALS, 1, prefix + key, expectedValue)) === 1;
    },
    async refreshKeyIf(key, expectedValue, ttlMs) {
      await open();
      assertPositiveInteger('ttlMs', ttlMs);
      return (await commands.eval(EXPIRE_IF_EQUALS, 1, prefix + key, expectedValue, ttlMs)) === 1;
    },
    async appendEvent(stream, event, maxLen) {
      await open();
      assertPositiveInteger('maxLen', maxLen);
      const json = encodeJson(event);
      const id = await commands.xadd(prefix + stream, 'MAXLEN', '~', maxLen, '*', EVENT_FIELD, json);
      if (id === null) throw new Error('XADD returned no id');
      return id;
    },
    async readEventsAfter(stream, afterId, limit) {
      await open();
      assertPositiveInteger('limit', limit);
      return readRedisEvents(commands, prefix + stream, afterId, limit, logger);
    },
    close() {
      if (!closing) {
        closed = true;
        channelSubs.clear();
        patternSubs.clear();
        closing = Promise.all([closeRedis(commands), closeRedis(subscriber)]).then(() => undefined);
      }
      return closing;
    },
  };
}
