import pg from 'pg';

export type AppRoleOptions = { role: string; password?: string | undefined };

/**
 * Creates (or corrects) the runtime role the services use: it may log in and run DML,
 * but is no superuser, cannot bypass row-level security, and owns nothing, so it can
 * neither alter nor disable the policies. Idempotent; run after every migration (it also
 * closes TimescaleDB's chunks and catalog to the role: berth_internal.protect_timescale_storage).
 */
export async function grantAppRole(adminUrl: string, { role, password }: AppRoleOptions): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const ident = client.escapeIdentifier(role);
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    const attributes = 'LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION';
    await client
      .query(`${exists.rowCount ? 'ALTER' : 'CREATE'} ROLE ${ident} ${attributes}`)
      .catch((error) => {
        // Two runners racing to create the cluster-wide role: the loser's CREATE fails harmlessly.
        if ((error as { code?: string }).code !== '42710') throw error;
      });
    if (password) await client.query(`ALTER ROLE ${ident} PASSWORD ${client.escapeLiteral(password)}`);
    const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
    const database = client.escapeIdentifier(rows[0]?.db ?? '');
    // One transaction: on TimescaleDB a GRANT on a hypertable is repeated on every chunk, and
    // the chunks are closed again before the grants become visible to anyone.
    await client.query('BEGIN');
    await client.query(`
      GRANT CONNECT, TEMPORARY ON DATABASE ${database} TO ${ident};
      GRANT USAGE ON SCHEMA public, cross_tenant, berth_maintenance TO ${ident};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${ident};
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA cross_tenant, berth_maintenance TO ${ident};
    `);
    // Parents only: partitions and chunks are reached through their parent (whose policy
    // applies); a grant on one of them would be a door around row-level security.
    const tables = await client.query<{ name: string }>(`
      SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND c.relname <> '_prisma_migrations'`);
    for (const { name } of tables.rows) {
      await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${name} TO ${ident}`);
    }
    // Views are read-only doors and run as the caller (security_invoker), so the tables'
    // row-level security applies through them (container_image_updates).
    const views = await client.query<{ name: string }>(`
      SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'v'`);
    for (const { name } of views.rows) await client.query(`GRANT SELECT ON ${name} TO ${ident}`);
    await client.query('SELECT count(*) FROM berth_internal.protect_timescale_storage()');
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}
