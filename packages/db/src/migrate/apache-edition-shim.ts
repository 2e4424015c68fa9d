import type pg from 'pg';

/**
 * Migrations that call `add_retention_policy(regclass, interval)` wherever TimescaleDB is
 * installed. They were applied in the field before Berth ran on TimescaleDB's Apache-2 edition,
 * whose `add_retention_policy` raises ("not supported under the current apache license"), and an
 * applied migration cannot change (its checksum is recorded). Later migrations call it only
 * where the edition offers it.
 */
const CALLS_RETENTION_POLICY = new Set(['20261123090200_time_series']);

/** Whether `migration` may reach `add_retention_policy` here (TimescaleDB is preloaded). */
export async function needsRetentionPolicyShim(client: pg.Client, migration: string): Promise<boolean> {
  if (!CALLS_RETENTION_POLICY.has(migration)) return false;
  const { rows } = await client.query<{ preloaded: boolean }>(
    "SELECT current_setting('shared_preload_libraries') LIKE '%timescaledb%' AS preloaded",
  );
  return rows[0]?.preloaded === true;
}

/**
 * Inside the migration's transaction, an `add_retention_policy` whose argument types match the
 * migration's call exactly, so PostgreSQL resolves the call to it rather than to the extension's
 * (whose second argument is "any"). It adds the policy where the edition offers policies (a call
 * by argument names reaches the extension's function) and does nothing on the Apache edition,
 * whose license is known only once the migration has created the extension. Dropped before the
 * transaction commits, so no other session ever sees it. Retention still applies: it is
 * recorded in berth_internal.partition_policies, and Berth's maintenance job drops expired
 * chunks where no policy runs (20261206100100_timescale_retention).
 */
export async function createRetentionPolicyShim(client: pg.Client): Promise<void> {
  await client.query(`
    CREATE FUNCTION public.add_retention_policy(tbl regclass, retention interval) RETURNS integer
      LANGUAGE plpgsql AS $$
    BEGIN
      IF current_setting('timescaledb.license', true) = 'apache' THEN
        RETURN NULL;
      END IF;
      RETURN add_retention_policy(relation => tbl, drop_after => retention);
    END $$`);
}

export async function dropRetentionPolicyShim(client: pg.Client): Promise<void> {
  await client.query('DROP FUNCTION public.add_retention_policy(regclass, interval)');
}
