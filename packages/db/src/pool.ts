import pg from 'pg';

/**
 * How long a transaction may wait for a pooled connection before it fails. Prisma gives up
 * after 2 s by default; a burst (a fleet reconnecting to a restarted gateway) then fails hellos
 * that would have run a moment later, and their retries add to the burst. Short transactions
 * queue instead.
 */
export const POOL_WAIT_MS = 10_000;

export type PoolOptions = {
  max: number;
  /** Fail a checkout after this long (default: wait for a connection however long it takes). */
  waitMs?: number | undefined;
  /** A connection failed (the server restarted, the network dropped it), idle or in use. */
  onConnectionError: (error: Error) => void;
};

/** A node-postgres pool whose broken connections are reported instead of crashing the process. */
export function createPool(connectionString: string, options: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: options.max,
    ...(options.waitMs === undefined ? {} : { connectionTimeoutMillis: options.waitMs }),
  });
  // pg-pool takes its own error listener off a client while it is checked out, so a server
  // restart during a transaction was an unhandled 'error' event that killed the process. This
  // listener stays for the client's life and reports idle failures too; the query in flight
  // fails on its own and its caller decides (the ingest writer retries it as transient).
  pool.on('connect', (client) => {
    client.on('error', options.onConnectionError);
  });
  // An idle client's failure also reaches the pool; without a listener that would throw. The
  // client's listener above has reported it already.
  pool.on('error', () => undefined);
  return pool;
}
