import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { BusLogger } from '../types.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Unique per run, so parallel runs against one Redis never see each other's channels or keys. */
export function randomPrefix(): string {
  return `berth-test-${randomUUID().slice(0, 8)}:`;
}

export type LogEntry = { level: 'warn' | 'error'; context: Record<string, unknown>; message: string };

export function createCapturingLogger(): { logger: BusLogger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return {
    entries,
    logger: {
      warn: (context, message) => entries.push({ level: 'warn', context, message }),
      error: (context, message) => entries.push({ level: 'error', context, message }),
    },
  };
}

export type Received = { message: unknown; channel: string };

/** A handler that records what it gets, and a way to await the n-th delivery without sleeping. */
export function createCollector(timeoutMs = 3000) {
  const received: Received[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const handler = (message: unknown, channel: string) => {
    received.push({ message, channel });
    for (const waiter of waiters.filter((w) => received.length >= w.count)) waiter.resolve();
  };
  const waitFor = (count: number): Promise<Received[]> => {
    if (received.length >= count) return Promise.resolve(received);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`expected ${count} messages, got ${received.length}`)),
        timeoutMs,
      );
      waiters.push({
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve(received);
        },
      });
    });
  };
  return { handler, received, waitFor };
}

/** Polls a condition (for things with no event to await, such as TTL expiry). */
export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function openAdminConnection(): Redis {
  return new Redis(REDIS_URL, { connectionName: 'berth-test-admin', maxRetriesPerRequest: 1 });
}

export async function deleteKeysWithPrefix(admin: Redis, prefix: string): Promise<void> {
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let cursor = '0';
  do {
    const [next, found] = await admin.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    cursor = next;
    if (found.length > 0) await admin.del(...found);
  } while (cursor !== '0');
}
