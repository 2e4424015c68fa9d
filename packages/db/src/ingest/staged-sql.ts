// The bulk path for rows built in SQL rather than decoded from an agent: test fixtures
// (apps/api's fleet tests) and bench:query's generator fill session temp tables with
// `INSERT … SELECT generate_series(…)` and promote them here, with the same dirty-minute markers
// as the gateway. The gateway itself writes each row once (WRITE_BATCH_ROWS in ingest-sql.ts).

const STAGED = ['container_samples', 'host_samples', 'container_events', 'container_logs'] as const;
export type StagedTable = (typeof STAGED)[number];

/** Session temp tables: COPY into a table under RLS is refused for the runtime role. */
export const STAGING_DDL = STAGED.map(
  (table) => `CREATE TEMP TABLE IF NOT EXISTS stage_${table} (LIKE ${table}) ON COMMIT DELETE ROWS;`,
).join('\n');

// Marks the minutes the staged samples fall in, with WRITE_BATCH_ROWS' lock-don't-write conflict.
const markDirty = (tables: readonly string[]) => `
  INSERT INTO rollup_dirty_minutes (org_id, host_id, minute)
  SELECT DISTINCT org_id, host_id, date_trunc('minute', ts, 'UTC') FROM (
    ${tables.map((table) => `SELECT org_id, host_id, ts FROM ${table}`).join(' UNION ALL ')}) AS sampled
  ON CONFLICT (host_id, minute) DO UPDATE SET minute = excluded.minute WHERE false;`;

/** Moves staged rows into the partitioned tables (RLS WITH CHECK validates each), marks minutes to roll up. */
export function promoteStaged(present: ReadonlySet<StagedTable>): string {
  const statements: string[] = [];
  const sampled: string[] = [];
  if (present.has('container_samples')) {
    statements.push('INSERT INTO container_samples SELECT * FROM stage_container_samples;');
    sampled.push('stage_container_samples');
  }
  if (present.has('host_samples')) {
    statements.push('INSERT INTO host_samples SELECT * FROM stage_host_samples;');
    sampled.push('stage_host_samples');
  }
  if (sampled.length > 0) statements.push(markDirty(sampled));
  if (present.has('container_events'))
    statements.push('INSERT INTO container_events SELECT * FROM stage_container_events;');
  if (present.has('container_logs'))
    statements.push('INSERT INTO container_logs SELECT * FROM stage_container_logs;');
  return statements.join('\n');
}
