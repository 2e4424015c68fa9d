import { withOrgOn } from '@berth/db/sql';
import pg from 'pg';

const COUNTED = [
  'container_samples',
  'host_samples',
  'container_events',
  'container_logs',
  'containers',
  'rollup_1m_samples',
  'rollup_1h_samples',
  'last_seq',
] as const;
export type RowCounts = Record<(typeof COUNTED)[number], number>;

/** Row counts read as the owner (no RLS), to verify what the gateway really wrote. */
export async function countRows(adminUrl: string, hostId: string): Promise<RowCounts> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<Record<string, string>>(
      `SELECT
         (SELECT count(*) FROM container_samples WHERE host_id = $1) AS container_samples,
         (SELECT count(*) FROM host_samples WHERE host_id = $1) AS host_samples,
         (SELECT count(*) FROM container_events WHERE host_id = $1) AS container_events,
         (SELECT count(*) FROM container_logs WHERE host_id = $1) AS container_logs,
         (SELECT count(*) FROM containers WHERE host_id = $1) AS containers,
         (SELECT coalesce(sum(samples), 0) FROM container_samples_1m WHERE host_id = $1) AS rollup_1m_samples,
         (SELECT coalesce(sum(samples), 0) FROM container_samples_1h WHERE host_id = $1) AS rollup_1h_samples,
         (SELECT last_seq FROM hosts WHERE id = $1) AS last_seq`,
      [hostId],
    );
    const row = rows[0] ?? {};
    return Object.fromEntries(COUNTED.map((key) => [key, Number(row[key] ?? 0)])) as RowCounts;
  } finally {
    await client.end();
  }
}

export async function ownerQuery<T extends pg.QueryResultRow>(
  adminUrl: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** The partitions or chunks (schema-qualified) holding a host's raw samples, read as the owner. */
export async function samplePartitions(adminUrl: string, hostIds: string[]): Promise<string[]> {
  const rows = await ownerQuery<{ child: string }>(
    adminUrl,
    `SELECT DISTINCT format('%I.%I', n.nspname, c.relname) AS child
     FROM container_samples s JOIN pg_class c ON c.oid = s.tableoid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE s.host_id = ANY($1::uuid[]) ORDER BY 1`,
    [hostIds],
  );
  return rows.map((row) => row.child);
}

/** `sql` as the runtime role scoped to `orgId` (withOrgOn): what the services could run. */
export async function runtimeQuery<T extends pg.QueryResultRow>(
  appUrl: string,
  orgId: string,
  sql: string,
): Promise<T[]> {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  try {
    return await withOrgOn(client, orgId, async (scoped) => (await scoped.query<T>(sql)).rows);
  } finally {
    await client.end();
  }
}
