import { rollUpDirtyMinutes } from '@berth/db/sql';
import pg from 'pg';

/** What the database holds for one host, read as the owner (no RLS in the way). */
export type Stored = {
  containerSamples: number;
  distinctContainerSamples: number;
  hostSamples: number;
  distinctHostSamples: number;
  /** container_events: Docker events and health-check results. */
  events: number;
  logs: number;
  /** Distinct (batch_seq, line_no): a log row's natural key; fewer means a batch was written twice. */
  distinctLogs: number;
  /** Distinct (container, ts, stream, line, dropped): fewer means the agent collected a line twice. */
  distinctLogLines: number;
  rollup1mSamples: number;
  rollup1hSamples: number;
  hostRollup1mSamples: number;
  lastSeq: number;
  /** ingest_gaps rows, as [from_seq, to_seq, dropped]. */
  gaps: [number, number, number][];
};

const COUNTS_SQL = `
  SELECT
    (SELECT count(*) FROM container_samples WHERE host_id = $1) AS container_samples,
    (SELECT count(DISTINCT (container_id, ts)) FROM container_samples WHERE host_id = $1) AS distinct_container_samples,
    (SELECT count(*) FROM host_samples WHERE host_id = $1) AS host_samples,
    (SELECT count(DISTINCT ts) FROM host_samples WHERE host_id = $1) AS distinct_host_samples,
    (SELECT count(*) FROM container_events WHERE host_id = $1) AS events,
    (SELECT count(*) FROM container_logs WHERE host_id = $1) AS logs,
    (SELECT count(DISTINCT (batch_seq, line_no)) FROM container_logs WHERE host_id = $1) AS distinct_logs,
    (SELECT count(DISTINCT (container_id, ts, stream, line, dropped)) FROM container_logs WHERE host_id = $1)
      AS distinct_log_lines,
    (SELECT coalesce(sum(samples), 0) FROM container_samples_1m WHERE host_id = $1) AS rollup_1m,
    (SELECT coalesce(sum(samples), 0) FROM container_samples_1h WHERE host_id = $1) AS rollup_1h,
    (SELECT coalesce(sum(samples), 0) FROM host_samples_1m WHERE host_id = $1) AS host_rollup_1m,
    (SELECT last_seq FROM hosts WHERE id = $1) AS last_seq`;

/**
 * Counts after rolling up every minute the test wrote: the gateways' rollup job takes a minute
 * only once it has closed, and the rollups must then equal the raw rows (run here, the same job
 * is idempotent beside theirs).
 */
export async function countStored(adminUrl: string, hostId: string): Promise<Stored> {
  const pool = new pg.Pool({ connectionString: adminUrl, max: 1 });
  try {
    await rollUpDirtyMinutes(pool, { settledBefore: new Date(Date.now() + 3_600_000) });
  } finally {
    await pool.end();
  }
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const row = (await client.query<Record<string, string>>(COUNTS_SQL, [hostId])).rows[0] ?? {};
    const n = (key: string): number => Number(row[key] ?? 0);
    const gaps = await client.query<{ from_seq: string; to_seq: string; dropped: number }>(
      'SELECT from_seq, to_seq, dropped FROM ingest_gaps WHERE host_id = $1 ORDER BY from_seq',
      [hostId],
    );
    return {
      containerSamples: n('container_samples'),
      distinctContainerSamples: n('distinct_container_samples'),
      hostSamples: n('host_samples'),
      distinctHostSamples: n('distinct_host_samples'),
      events: n('events'),
      logs: n('logs'),
      distinctLogs: n('distinct_logs'),
      distinctLogLines: n('distinct_log_lines'),
      rollup1mSamples: n('rollup_1m'),
      rollup1hSamples: n('rollup_1h'),
      hostRollup1mSamples: n('host_rollup_1m'),
      lastSeq: n('last_seq'),
      gaps: gaps.rows.map((gap) => [Number(gap.from_seq), Number(gap.to_seq), gap.dropped]),
    };
  } finally {
    await client.end();
  }
}

/** The host's committed seq (polled while a test waits for a backlog to land). */
export async function committedSeq(adminUrl: string, hostId: string): Promise<number> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ last_seq: string }>('SELECT last_seq FROM hosts WHERE id = $1', [
      hostId,
    ]);
    return Number(rows[0]?.last_seq ?? 0);
  } finally {
    await client.end();
  }
}
