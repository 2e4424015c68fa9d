import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createMemoryBus } from '../create-memory-bus.js';
import { createRedisBus } from '../create-redis-bus.js';
import type { Bus, BusLogger } from '../types.js';
import { createCapturingLogger, deleteKeysWithPrefix, openAdminConnection, REDIS_URL } from './helpers.js';

export type Implementation = {
  name: string;
  create(logger: BusLogger, prefix: string): Bus;
};

export const implementations: Implementation[] = [
  { name: 'memory', create: (logger) => createMemoryBus({ logger, sweepIntervalMs: 50 }) },
  {
    name: 'redis',
    create: (logger, prefix) => createRedisBus(REDIS_URL, { logger, prefix, name: `${prefix}bus` }),
  },
];

/**
 * Registers hooks that close every bus a test opened and delete the run's keys; `open()` returns a fresh
 * bus plus the log it reports to.
 */
export function useBuses(implementation: Implementation, prefix: string) {
  const open: Bus[] = [];
  let admin: Redis | undefined;
  beforeAll(() => {
    if (implementation.name === 'redis') admin = openAdminConnection();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((bus) => bus.close()));
  });
  afterAll(async () => {
    if (!admin) return;
    await deleteKeysWithPrefix(admin, prefix);
    await admin.quit();
  });
  return () => {
    const { logger, entries } = createCapturingLogger();
    const bus = implementation.create(logger, prefix);
    open.push(bus);
    return { bus, log: entries };
  };
}
