import { Redis } from 'ioredis';
import type { BusLogger } from './types.js';

export type ConnectOptions = {
  url: string;
  connectionName: string;
  maxBackoffMs: number;
  /** Reconnects a queued command may wait for before it fails; null waits forever. */
  maxRetriesPerRequest: number | null;
  logger: BusLogger;
};

/** Exponential from 100 ms, capped, plus up to 100 ms of jitter so many processes do not reconnect in step. */
export function reconnectDelay(attempt: number, maxBackoffMs: number): number {
  const exponential = 100 * 2 ** Math.max(0, Math.min(attempt - 1, 20));
  return Math.min(exponential, maxBackoffMs) + Math.floor(Math.random() * 100);
}

export function connectRedis(options: ConnectOptions): Redis {
  const connection = new Redis(options.url, {
    connectionName: options.connectionName,
    retryStrategy: (attempt) => reconnectDelay(attempt, options.maxBackoffMs),
    maxRetriesPerRequest: options.maxRetriesPerRequest,
    // After a failover the old primary answers READONLY; reconnecting finds the new one.
    reconnectOnError: (error) => error.message.startsWith('READONLY'),
  });
  let lastError = '';
  connection.on('error', (error: Error) => {
    // ioredis emits the same error on every failed reconnect attempt; log each distinct one once.
    if (error.message === lastError) return;
    lastError = error.message;
    options.logger.warn({ err: error, connection: options.connectionName }, 'bus: redis connection error');
  });
  connection.on('ready', () => {
    lastError = '';
  });
  return connection;
}

/** QUIT when connected (pending replies are still read), otherwise just stop reconnecting. */
export async function closeRedis(connection: Redis): Promise<void> {
  if (connection.status === 'end') return;
  if (connection.status === 'ready') {
    try {
      await connection.quit();
      return;
    } catch {
      // Fall through: the connection died while quitting.
    }
  }
  connection.disconnect();
}
