import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { listOpenChildren, listStorageChildren, probeChild } from './storage-children.js';
import { createTenant, type Tenant } from './tenant-fixtures.js';

let database: TestDatabase;
let owner: pg.Client;
let app: pg.Client;
let a: Tenant;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = new pg.Client({ connectionString: database.adminUrl });
  app = new pg.Client({ connectionString: database.appUrl });
  await Promise.all([owner.connect(), app.connect()]);
  a = await createTenant(owner, 'alpha');
  await createTenant(owner, 'bravo');
});

afterAll(async () => {
  await Promise.all([owner?.end(), app?.end()]);
  await database?.drop();
});

describe('the runtime role', () => {
  it('is no superuser and cannot bypass row-level security', async () => {
    const { rows } = await app.query(
      'SELECT rolsuper, rolbypassrls, rolcreaterole FROM pg_roles WHERE rolname = current_user',
    );
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false });
    await app.query('SET row_security = off');
    await expect(app.query('SELECT * FROM hosts')).rejects.toThrow(/row-level security/);
    await app.query('RESET row_security');
  });

  it('cannot disable, force off, alter or drop policies', async () => {
    for (const sql of [
      'ALTER TABLE hosts DISABLE ROW LEVEL SECURITY',
      'ALTER TABLE hosts NO FORCE ROW LEVEL SECURITY',
      'ALTER POLICY tenant_isolation ON hosts USING (true)',
      'DROP POLICY tenant_isolation ON hosts',
      'CREATE POLICY open ON hosts USING (true)',
    ]) {
      await expect(app.query(sql), sql).rejects.toMatchObject({ code: '42501' });
    }
  });

  it('cannot create views or functions that would read as someone else', async () => {
    await expect(app.query('CREATE VIEW all_hosts AS SELECT * FROM hosts')).rejects.toMatchObject({
      code: '42501',
    });
    await expect(
      app.query(
        'CREATE FUNCTION all_hosts() RETURNS SETOF hosts LANGUAGE sql SECURITY DEFINER AS $$ SELECT * FROM hosts $$',
      ),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('cannot read a partition or chunk directly, around its parent (the probe of issue 12)', async () => {
    const children = await listStorageChildren(owner);
    // Fixtures wrote every time series, so every table has children (TimescaleDB: on demand).
    expect(children.length).toBeGreaterThanOrEqual(8);
    const pattern =
      database.engine === 'timescaledb'
        ? /^_timescaledb_internal\._hyper_\d+_\d+_chunk$/
        : /^public\.\w+_p\d{6,8}$/;
    expect(children.filter((child) => !pattern.test(child))).toEqual([]);
    for (const child of children) {
      await expect(probeChild(app, a.orgId, child), child).rejects.toMatchObject({ code: '42501' });
    }
    expect(await listOpenChildren(owner)).toEqual([]);
  });

  it('reaches other organisations through no view and no SECURITY DEFINER function outside the reviewed schemas', async () => {
    const views = await owner.query(`
      SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('v', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND NOT coalesce('security_invoker=true' = ANY (c.reloptions), false)
        AND has_table_privilege('berth_app', c.oid, 'SELECT')`);
    expect(views.rows).toEqual([]);
    const definers = await owner.query<{ fn: string }>(`
      SELECT n.nspname || '.' || p.proname AS fn FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE p.prosecdef AND has_function_privilege('berth_app', p.oid, 'EXECUTE')
        AND n.nspname NOT IN ('pg_catalog', 'information_schema')`);
    expect(definers.rows.map((row) => row.fn).sort()).toEqual([
      'berth_maintenance.alerter_heartbeat',
      'berth_maintenance.alerter_leave',
      // Returns partition names only (ANALYZE needs the owner): no tenant row leaves it.
      'berth_maintenance.analyze_new_partitions',
      'berth_maintenance.claim_due_alert_passes',
      'berth_maintenance.claim_due_notifications',
      'berth_maintenance.end_abandoned_exec_sessions',
      'berth_maintenance.enrol_alert_passes',
      'berth_maintenance.expire_actions',
      'berth_maintenance.finish_alert_pass',
      'berth_maintenance.maintain_partitions',
      'berth_maintenance.mark_stale_hosts_offline',
      'berth_maintenance.orgs_with_alert_rules',
      'berth_maintenance.orgs_with_auto_updates',
      'berth_maintenance.orgs_with_dirty_minutes',
      'berth_maintenance.orgs_with_due_alert_groups',
      'berth_maintenance.partition_policies',
      'cross_tenant.authenticate_api_token',
      'cross_tenant.authenticate_host',
      'cross_tenant.begin_password_sign_in',
      'cross_tenant.consume_enrollment_token',
      'cross_tenant.consume_password_reset',
      'cross_tenant.consume_sign_in_unlock',
      'cross_tenant.find_invite',
      'cross_tenant.find_user_by_identity',
      'cross_tenant.find_user_for_sign_in',
      'cross_tenant.finish_password_sign_in',
      'cross_tenant.issue_password_reset',
      'cross_tenant.pending_invites_for_email',
      'cross_tenant.touch_user_session',
      'cross_tenant.user_memberships',
    ]);
    await expect(app.query("SELECT berth_internal.protect_tenant_table('hosts')")).rejects.toMatchObject({
      code: '42501',
    });
  });

  it('cannot read or write the alerter replicas (berth_internal): only their two functions reach them', async () => {
    for (const sql of [
      'SELECT * FROM berth_internal.alerter_replicas',
      `INSERT INTO berth_internal.alerter_replicas VALUES (gen_random_uuid(), now())`,
      'DELETE FROM berth_internal.alerter_replicas',
    ]) {
      await expect(app.query(sql), sql).rejects.toMatchObject({ code: '42501' });
    }
    const replica = '00000000-0000-4000-8000-00000000000a';
    const live = await app.query<{ r: string }>(
      `SELECT r FROM berth_maintenance.alerter_heartbeat($1, now(), interval '1 minute') AS r`,
      [replica],
    );
    expect(live.rows.map((row) => row.r)).toContain(replica);
    await app.query('SELECT berth_maintenance.alerter_leave($1)', [replica]);
    const { rows } = await owner.query(
      'SELECT 1 FROM berth_internal.alerter_replicas WHERE replica_id = $1',
      [replica],
    );
    expect(rows).toEqual([]);
  });

  it('learns nothing from the cross-tenant functions without the right secret hash', async () => {
    const host = await app.query('SELECT * FROM cross_tenant.authenticate_host($1)', ['not-a-real-hash']);
    expect(host.rows).toEqual([]);
    const { rows } = await owner.query('SELECT credential_hash FROM hosts WHERE id = $1', [a.hostId]);
    const found = await app.query('SELECT * FROM cross_tenant.authenticate_host($1)', [
      rows[0].credential_hash,
    ]);
    expect(found.rows).toEqual([{ host_id: a.hostId, org_id: a.orgId, revoked: false, last_seq: '0' }]);
  });
});
