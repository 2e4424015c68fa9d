import type pg from 'pg';

export type TenantTable = { table: string; orgColumn: string };

/** Parent tables (not partitions) in `public` that carry an organisation column. */
export async function listTenantTables(client: pg.Client): Promise<TenantTable[]> {
  const { rows } = await client.query<TenantTable>(`
    SELECT c.relname AS table, CASE WHEN c.relname = 'organizations' THEN 'id' ELSE 'org_id' END AS "orgColumn"
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND (c.relname = 'organizations'
           OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped))
    ORDER BY 1`);
  return rows;
}

/**
 * Every table, partition or chunk with an org column that is not protected. Tables and
 * partitions need ENABLE + FORCE row-level security and an app.org_id policy. TimescaleDB
 * chunks cannot carry row-level security (TimescaleDB refuses inserts into them then), so a
 * chunk is protected when no role but its owner holds any privilege on it.
 */
export async function listUnprotectedTenantTables(
  client: pg.Client,
): Promise<{ table: string; problem: string }[]> {
  const { rows } = await client.query<{ table: string; problem: string }>(`
    WITH tenant AS (
      SELECT c.*, EXISTS (
          SELECT 1 FROM pg_inherits i JOIN pg_class parent ON parent.oid = i.inhparent
          WHERE i.inhrelid = c.oid AND parent.relkind = 'r') AS chunk
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
        AND c.relkind IN ('r', 'p')
        AND (c.relname = 'organizations'
             OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped))
    )
    SELECT c.relname AS table,
           CASE WHEN c.chunk THEN (
             SELECT 'chunk open to ' || string_agg(DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END, ', ')
             FROM aclexplode(c.relacl) a WHERE a.grantee <> c.relowner)
           ELSE concat_ws(', ',
             CASE WHEN NOT c.relrowsecurity THEN 'RLS not enabled' END,
             CASE WHEN NOT c.relforcerowsecurity THEN 'RLS not forced' END,
             CASE WHEN NOT EXISTS (
               SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid
                 AND pg_get_expr(p.polqual, p.polrelid) LIKE '%app.org_id%'
                 AND pg_get_expr(p.polwithcheck, p.polrelid) LIKE '%app.org_id%'
             ) THEN 'no app.org_id policy with WITH CHECK' END,
             -- The organisation read once per statement (an InitPlan), not once per row.
             CASE WHEN EXISTS (
               SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid
                 AND (pg_get_expr(p.polqual, p.polrelid) LIKE '%app.org_id%'
                      OR pg_get_expr(p.polwithcheck, p.polrelid) LIKE '%app.org_id%')
                 AND (pg_get_expr(p.polqual, p.polrelid) NOT LIKE '%( SELECT (NULLIF(current_setting(''app.org_id''%'
                      OR pg_get_expr(p.polwithcheck, p.polrelid) NOT LIKE '%( SELECT (NULLIF(current_setting(''app.org_id''%')
             ) THEN 'app.org_id policy evaluated per row' END)
           END AS problem
    FROM tenant c
    ORDER BY 1`);
  return rows.filter((row) => row.problem !== null && row.problem !== '');
}
