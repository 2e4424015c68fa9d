import type pg from 'pg';
import { promoteStaged, STAGING_DDL } from '../ingest/index.js';
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

/** Writes a batch as the runtime role through the gateway's statements (stage, promote, mark). */
export async function ingest(pool: pg.Pool, batch: Batch, next: () => number): Promise<void> {
  const client = await pool.connect();
  try {
    await withOrgOn(client, batch.tenant.orgId, async (tx) => {
      await tx.query(STAGING_DDL);
      const ts = batch.containers.flatMap(() => batch.times.map((t) => new Date(t)));
      const ids = batch.containers.flatMap((id) => batch.times.map(() => id));
      const numbers = () => ts.map(() => Math.floor(next() * 1e9));
      await tx.query(
        `INSERT INTO stage_container_samples
         SELECT $1::uuid, $2::uuid, c, t, cpu, mem, lim, rx, tx, br, bw, pids
         FROM unnest($3::text[], $4::timestamptz[], $5::real[], $6::bigint[], $7::bigint[], $8::bigint[],
                     $9::bigint[], $10::bigint[], $11::bigint[], $12::int[])
           AS u(c, t, cpu, mem, lim, rx, tx, br, bw, pids)`,
        [
          batch.tenant.orgId,
          batch.tenant.hostId,
          ids,
          ts,
          ts.map(() => Math.round(next() * 40000) / 100),
          numbers(),
          numbers(),
          numbers(),
          numbers(),
          numbers(),
          numbers(),
          ts.map(() => Math.floor(next() * 500)),
        ],
      );
      const hostTs = batch.times.map((t) => new Date(t));
      await tx.query(
        `INSERT INTO stage_host_samples
         SELECT $1::uuid, $2::uuid, t, cpu, l1, l1, l1, mem, mem * 2, 0, 0, disk, disk * 2, rx, rx, '[]'::jsonb
         FROM unnest($3::timestamptz[], $4::real[], $5::real[], $6::bigint[], $7::bigint[], $8::bigint[])
           AS u(t, cpu, l1, mem, disk, rx)`,
        [
          batch.tenant.orgId,
          batch.tenant.hostId,
          hostTs,
          hostTs.map(() => Math.round(next() * 10000) / 100),
          hostTs.map(() => next() * 8),
          hostTs.map(() => Math.floor(next() * 1e9)),
          hostTs.map(() => Math.floor(next() * 1e9)),
          hostTs.map(() => Math.floor(next() * 1e9)),
        ],
      );
      await tx.query(promoteStaged(new Set(['container_samples', 'host_samples'])));
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
