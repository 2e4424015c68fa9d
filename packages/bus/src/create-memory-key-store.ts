import { assertPositiveInteger } from './validate-args.js';

type Entry = { value: string; expiresAt: number };

export type MemoryKeyStore = {
  set(key: string, value: string, ttlMs: number): void;
  get(key: string): string | null;
  deleteIf(key: string, expected: string): boolean;
  refreshIf(key: string, expected: string, ttlMs: number): boolean;
  stop(): void;
};

/**
 * Keys with a TTL. Expiry is checked on every read (exact), and an unref'd timer sweeps keys nobody reads
 * again so that hosts which vanished do not leak memory.
 */
export function createMemoryKeyStore(sweepIntervalMs: number): MemoryKeyStore {
  const entries = new Map<string, Entry>();

  function live(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  const sweeper = setInterval(() => {
    const now = Date.now();
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
  }, sweepIntervalMs);
  sweeper.unref();

  return {
    set(key, value, ttlMs) {
      assertPositiveInteger('ttlMs', ttlMs);
      entries.set(key, { value, expiresAt: Date.now() + ttlMs });
    },
    get: (key) => live(key)?.value ?? null,
    deleteIf(key, expected) {
      if (live(key)?.value !== expected) return false;
      entries.delete(key);
      return true;
    },
    refreshIf(key, expected, ttlMs) {
      assertPositiveInteger('ttlMs', ttlMs);
      const entry = live(key);
      if (entry?.value !== expected) return false;
      entry.expiresAt = Date.now() + ttlMs;
      return true;
    },
    stop: () => clearInterval(sweeper),
  };
}
