import type pg from 'pg';
import {
  BatchColumns,
  CheckResultColumns,
  WRITE_BATCH_ROWS,
  WRITE_BATCH_ROWS_NAME,
  WRITE_CHECK_RESULTS,
  WRITE_CHECK_RESULTS_NAME,
} from '../ingest/index.js';
import type { SeededOrg } from '../testing/index.js';
import { withOrgOn } from '../with-org-client.js';

// Random sample batches written through the gateway's statements, for the rollup tests.

export const MINUTE = 60_000;

/** A deterministic generator, so a failure can be replayed. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export type Batch = { tenant: SeededOrg; times: number[]; containers: string[] };

/** One batch: a few samples per container around `at` (spread over ~2 minutes), and host samples. */
function makeBatch(next: () => number, tenant: SeededOrg, at: number): Batch {
  const times = Array.from(
    { length: 1 + Math.floor(next() * 4) },
    () => at + Math.floor(next() * 2 * MINUTE),
  );
  const containers = ['aaaaaaaaaaaa', 'bbbbbbbbbbbb', 'cccccccccccc'].slice(0, 1 + Math.floor(next() * 3));
  return { tenant, times, containers };
}

const CHECK_STATUSES = ['up', 'up', 'up', 'pending', 'down'] as const;

/** Runs of two checks per container at the batch's times, with random status, latency and error. */
function checkResults(batch: Batch, next: () => number): CheckResultColumns {
  const checks = new CheckResultColumns();
  const host = checks.host(batch.tenant.hostId);
  for (const [index, containerId] of batch.containers.entries()) {
    for (const name of ['default', 'tcp']) {
      for (const t of batch.times) {
        const status = CHECK_STATUSES[Math.floor(next() * CHECK_STATUSES.length)] ?? 'up';
        checks.result(host, {
          containerName: `web-${index}`,
          containerId,
          name,
          kind: name === 'tcp' ? 'tcp' : 'http',
          ts: new Date(t + Math.floor(next() * 1000)).toISOString(),
          status,
          latencyMs: Math.floor(next() * 3000),
          slow: next() < 0.2,
          certExpiring: false,
          ...(status === 'up' ? {} : { error: `connection refused ${Math.floor(next() * 10)}` }),
          target: 'http://127.0.0.1:8080/',
        });
      }
    }
  }
  return checks;
}

/** Writes a batch as the runtime role through the gateway's statements (rows, check runs, dirty-minute markers). */
export async function ingest(pool: pg.Pool, batch: Batch, next: () => number): Promise<void> {
  const columns = new BatchColumns();
  const host = columns.host(batch.tenant.hostId);
  const count = () => Math.floor(next() * 1e9);
  for (const containerId of batch.containers) {
    for (const t of batch.times) {
      columns.containerSample(
        host,
        {
          containerId,
          cpuPct: Math.round(next() * 40000) / 100,
          memBytes: count(),
          memLimit: count(),
          netRx: count(),
          netTx: count(),
          blkRead: count(),
          blkWrite: count(),
          pids: Math.floor(next() * 500),
        },
        t * 1000,
      );
    }
  }
  for (const t of batch.times) {
    const load = next() * 8;
    const [mem, disk, net] = [count(), count(), count()];
    const sample = {
      cpuPct: Math.round(next() * 10000) / 100,
      load1: load,
      load5: load,
      load15: load,
      memUsed: mem,
      memTotal: mem * 2,
      swapUsed: 0,
      swapTotal: 0,
      netRx: net,
      netTx: net,
    };
    columns.hostSample(host, sample, t * 1000, disk, disk * 2, '[]');
  }
  const checks = checkResults(batch, next);
  const client = await pool.connect();
  try {
    await withOrgOn(client, batch.tenant.orgId, async (tx) => {
      await tx.query({
        name: WRITE_BATCH_ROWS_NAME,
        text: WRITE_BATCH_ROWS,
        values: columns.params(batch.tenant.orgId),
      });
      await tx.query({
        name: WRITE_CHECK_RESULTS_NAME,
        text: WRITE_CHECK_RESULTS,
        values: checks.params(batch.tenant.orgId),
      });
    });
  } finally {
    client.release();
  }
}

/** Late batches: minutes ago, hours ago, days ago (the gateway accepts up to 6 days). */
function lateness(next: () => number): number {
  const kind = next();
  if (kind < 0.5) return Math.floor(next() * 5) * MINUTE;
  if (kind < 0.8) return Math.floor(next() * 30) * 60 * MINUTE;
  return Math.floor(next() * 6 * 24 * 60 - 10) * MINUTE;
}

export function batches(
  tenants: SeededOrg[],
  seed: number,
  count: number,
): { batch: Batch; next: () => number }[] {
  const next = random(seed);
  const now = Date.now() - 3 * MINUTE;
  const made: { batch: Batch; next: () => number }[] = [];
  for (let i = 0; i < count; i += 1) {
    const tenant = tenants[Math.floor(next() * tenants.length)] ?? tenants[0];
    if (!tenant) throw new Error('no tenant');
    // Every fifth batch re-sends into a minute an earlier batch already wrote.
    const earlier = made[Math.floor(next() * made.length)];
    const at = i % 5 === 4 && earlier ? (earlier.batch.times[0] ?? now) : now - lateness(next);
    made.push({ batch: makeBatch(next, tenant, at), next: random(seed * 1000 + i) });
  }
  return made;
}
