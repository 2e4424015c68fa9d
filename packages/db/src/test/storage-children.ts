import type pg from 'pg';
import copyStreams from 'pg-copy-streams';

/**
 * The partitions (plain PostgreSQL) or chunks (TimescaleDB) of the time-series tables, or of
 * one of them, schema-qualified: the tables that hold rows of every organisation.
 */
export async function listStorageChildren(owner: pg.ClientBase, parent?: string): Promise<string[]> {
  const { rows } = await owner.query<{ name: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name
     FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE i.inhparent IN (SELECT format('public.%I', table_name)::regclass FROM berth_internal.partition_policies)
       AND ($1::text IS NULL OR i.inhparent = $1::regclass)
     ORDER BY 1`,
    [parent ?? null],
  );
  return rows.map((row) => row.name);
}

/** Privileges on partitions or chunks held by any role other than the table's owner. */
export async function listOpenChildren(owner: pg.ClientBase): Promise<{ child: string; grantee: string }[]> {
  const { rows } = await owner.query<{ child: string; grantee: string }>(
    `SELECT DISTINCT format('%I.%I', n.nspname, c.relname) AS child,
            CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END AS grantee
     FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace,
          aclexplode(c.relacl) a
     WHERE i.inhparent IN (SELECT format('public.%I', table_name)::regclass FROM berth_internal.partition_policies)
       AND a.grantee <> c.relowner
     ORDER BY 1, 2`,
  );
  return rows;
}

/**
 * The probe of issue 12, as the runtime role scoped to `orgId`: read a partition or chunk
 * directly. Resolves with what it read, or rejects (42501 where the door is closed).
 */
export async function probeChild(
  app: pg.ClientBase,
  orgId: string,
  child: string,
): Promise<{ rows: number; orgs: number }> {
  await app.query('BEGIN');
  try {
    await app.query("SELECT set_config('app.org_id', $1, true)", [orgId]);
    const { rows } = await app.query<{ rows: number; orgs: number }>(
      `SELECT count(*)::int AS rows, count(DISTINCT org_id)::int AS orgs FROM ${child}`,
    );
    return rows[0] ?? { rows: 0, orgs: 0 };
  } finally {
    await app.query('ROLLBACK');
  }
}

/** Inserts one container sample at `ts` through the parent, the way the gateway does (staged). */
export async function insertSampleAs(
  app: pg.ClientBase,
  tenant: { orgId: string; hostId: string },
  ts: Date,
): Promise<void> {
  await app.query('BEGIN');
  try {
    await app.query("SELECT set_config('app.org_id', $1, true)", [tenant.orgId]);
    await app.query(
      'CREATE TEMP TABLE IF NOT EXISTS stage_probe (LIKE container_samples) ON COMMIT DELETE ROWS',
    );
    await app.query(`INSERT INTO stage_probe VALUES ($1, $2, 'abcdef012345', $3, 1, 1, 1, 1, 1, 1, 1, 1)`, [
      tenant.orgId,
      tenant.hostId,
      ts,
    ]);
    await app.query('INSERT INTO container_samples SELECT * FROM stage_probe');
    await app.query('COMMIT');
  } catch (error) {
    await app.query('ROLLBACK');
    throw error;
  }
}

/** One container sample at `ts` by `COPY` into the parent, as the owner (no RLS applies). */
export function copySampleAsOwner(
  owner: pg.ClientBase,
  tenant: { orgId: string; hostId: string },
  ts: Date,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = owner.query(
      copyStreams.from(
        'COPY container_samples (org_id, host_id, container_id, ts, cpu_pct, mem_bytes, mem_limit, net_rx, net_tx, blk_read, blk_write, pids) FROM STDIN',
      ),
    );
    stream.on('error', reject);
    stream.on('finish', () => resolve());
    stream.end(
      `${tenant.orgId}\t${tenant.hostId}\tabcdef012345\t${ts.toISOString()}\t1\t1\t1\t1\t1\t1\t1\t1\n`,
    );
  });
}

/** One container sample at `ts` by `MERGE` into the parent, as the runtime role under RLS. */
export async function mergeSampleAs(
  app: pg.ClientBase,
  tenant: { orgId: string; hostId: string },
  ts: Date,
): Promise<void> {
  await app.query('BEGIN');
  try {
    await app.query("SELECT set_config('app.org_id', $1, true)", [tenant.orgId]);
    await app.query(
      `MERGE INTO container_samples t USING (SELECT $1::uuid AS org, $2::uuid AS host, $3::timestamptz AS ts) s
       ON t.host_id = s.host AND t.ts = s.ts
       WHEN NOT MATCHED THEN INSERT VALUES (s.org, s.host, 'abcdef012345', s.ts, 1, 1, 1, 1, 1, 1, 1, 1)`,
      [tenant.orgId, tenant.hostId, ts],
    );
    await app.query('COMMIT');
  } catch (error) {
    await app.query('ROLLBACK');
    throw error;
  }
}
