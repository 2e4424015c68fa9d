/**
 * Receives one decoded message. `channel` is the concrete channel (also for pattern subscriptions),
 * without the bus prefix. Treat `message` as read-only: handlers of one subscription share it.
 */
export type MessageHandler = (message: unknown, channel: string) => void | Promise<void>;

/**
 * A handler's own decoding of the raw message, instead of the shared JSON.parse: a subscriber
 * that needs two fields of a large, frequent message can read them without parsing the rest
 * (the alerter, of every batch's events). Throwing drops the message, as a parse error does.
 */
export type MessageDecoder = (raw: string) => unknown;

/** Removes the handler it was returned for; idempotent. */
export type Unsubscribe = () => Promise<void>;

export type StoredEvent = { id: string; event: unknown };

export type ReadEventsResult = {
  /** Events with an id greater than `afterId`, oldest first, at most `limit`. */
  events: StoredEvent[];
  /**
   * True when `afterId` is no longer (or never was) in the buffer, so events between it and `events[0]`
   * may have been trimmed: the reader should reload full state instead of trusting the replay.
   */
  gap: boolean;
};

/** Pino-compatible subset, so a Fastify `app.log` can be passed as is. */
export type BusLogger = {
  warn(context: Record<string, unknown>, message: string): void;
  error(context: Record<string, unknown>, message: string): void;
};

export type Bus = {
  /** JSON-encodes `message`; resolves to the number of subscriptions that received it (Redis semantics). */
  publish(channel: string, message: unknown): Promise<number>;
  /** Resolves once the subscription is active on the server. */
  subscribe(channel: string, handler: MessageHandler): Promise<Unsubscribe>;
  /** Redis glob (`*`, `?`, `[a-z]`, `\` escapes), e.g. `org:*:events`. */
  psubscribe(pattern: string, handler: MessageHandler, decode?: MessageDecoder): Promise<Unsubscribe>;

  /** Sets `key` to `value`, replacing any value and TTL. */
  setKey(key: string, value: string, ttlMs: number): Promise<void>;
  getKey(key: string): Promise<string | null>;
  /** Atomically deletes `key` only while it still holds `expectedValue`. */
  deleteKeyIf(key: string, expectedValue: string): Promise<boolean>;
  /** Atomically resets the TTL only while `key` still holds `expectedValue` (heartbeat of an owner). */
  refreshKeyIf(key: string, expectedValue: string, ttlMs: number): Promise<boolean>;

  /**
   * Appends to a bounded replay buffer and returns the event id (`<ms>-<seq>`, increasing per stream).
   * At least the newest `maxLen` events are kept; Redis may keep somewhat more (it trims whole nodes).
   */
  appendEvent(stream: string, event: unknown, maxLen: number): Promise<string>;
  readEventsAfter(stream: string, afterId: string, limit: number): Promise<ReadEventsResult>;

  /** Drops all subscriptions and closes connections; later calls reject. Idempotent. */
  close(): Promise<void>;
};
