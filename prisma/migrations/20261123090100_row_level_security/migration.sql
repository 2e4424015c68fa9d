-- Row-level security. Every tenant table gets ENABLE + FORCE and one policy comparing its
-- org column with the transaction's `app.org_id` (set by withOrg via set_config(..., true)).
-- NULLIF: a pooled connection that once set the GUC returns '' afterwards, not NULL; the
-- cast of '' would fail, and an unset org must mean "no rows", never an error or all rows.

CREATE SCHEMA IF NOT EXISTS berth_internal;
REVOKE ALL ON SCHEMA berth_internal FROM PUBLIC;

-- The one place a tenant table is protected; also used for every new time-series partition.
CREATE FUNCTION berth_internal.protect_tenant_table(tbl regclass, org_column text DEFAULT 'org_id')
  RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  IF EXISTS (SELECT 1 FROM pg_policy WHERE polrelid = tbl AND polname = 'tenant_isolation') THEN
    EXECUTE format('DROP POLICY tenant_isolation ON %s', tbl);
  END IF;
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s USING (%I = NULLIF(current_setting(''app.org_id'', true), '''')::uuid) WITH CHECK (%I = NULLIF(current_setting(''app.org_id'', true), '''')::uuid)',
    tbl, org_column, org_column);
END $$;
REVOKE ALL ON FUNCTION berth_internal.protect_tenant_table(regclass, text) FROM PUBLIC;

SELECT berth_internal.protect_tenant_table('organizations', 'id');
SELECT berth_internal.protect_tenant_table('memberships');
SELECT berth_internal.protect_tenant_table('teams');
SELECT berth_internal.protect_tenant_table('team_members');
SELECT berth_internal.protect_tenant_table('invites');
SELECT berth_internal.protect_tenant_table('api_tokens');
SELECT berth_internal.protect_tenant_table('enrollment_tokens');
SELECT berth_internal.protect_tenant_table('hosts');
SELECT berth_internal.protect_tenant_table('containers');
SELECT berth_internal.protect_tenant_table('actions');
SELECT berth_internal.protect_tenant_table('audit_logs');
SELECT berth_internal.protect_tenant_table('alert_rules');
SELECT berth_internal.protect_tenant_table('alerts');
SELECT berth_internal.protect_tenant_table('notification_channels');
SELECT berth_internal.protect_tenant_table('ingest_gaps');

-- Users are global identities, but a session may read only itself and members of the
-- current organisation; it may change only itself. Sign-in looks users up through
-- cross_tenant.find_user_for_sign_in, never through this table.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY users_read ON users FOR SELECT USING (
  id = NULLIF(current_setting('app.user_id', true), '')::uuid
  OR id IN (SELECT user_id FROM memberships)  -- memberships is itself limited to the current org
);
CREATE POLICY users_sign_up ON users FOR INSERT WITH CHECK (true);
CREATE POLICY users_update_self ON users FOR UPDATE
  USING (id = NULLIF(current_setting('app.user_id', true), '')::uuid) WITH CHECK (id = NULLIF(current_setting('app.user_id', true), '')::uuid);
CREATE POLICY users_delete_self ON users FOR DELETE USING (id = NULLIF(current_setting('app.user_id', true), '')::uuid);
