-- TimescaleDB chunks are tables of their own (in _timescaledb_internal). A new chunk copies its
-- hypertable's grants, and a GRANT on a hypertable is repeated on every chunk, but row-level
-- security stays on the hypertable: as the runtime role, `SELECT … FROM _timescaledb_internal.
-- _hyper_1_1_chunk` read every organisation's rows. What holds on TimescaleDB 2.22.1 (see
-- docs/data-model.md and docs/decisions.md for what was tried):
--   * No role but the owner holds a privilege on a chunk. Reads, inserts (including those that
--     create chunks), updates and deletes through the hypertable need none: PostgreSQL checks
--     the hypertable's privileges and policy, and TimescaleDB routes rows into chunks itself.
--   * Not RLS on chunks: TimescaleDB refuses inserts into a chunk whose RLS is enabled
--     ("hypertables do not support row-level security") and refuses FORCE on chunks.
--   * Not USAGE on TimescaleDB's schemas: its planner resolves catalog names as the current
--     user, so queries through a hypertable would fail for the runtime role.
-- Chunks created later are closed by a statement trigger on each hypertable, in the inserting
-- transaction, before any other session can see them. grantAppRole (after every migration)
-- and the hourly maintenance close chunks that a GRANT on a hypertable opened again.
-- On plain PostgreSQL these functions do nothing: partitions get no grants at all.

-- The revocations of one hypertable's chunks. Two sessions revoking on one chunk would fail
-- ("tuple concurrently updated"): they take turns per hypertable, and the later one finds
-- nothing left. The lock is taken only when something is open, so ingest does not wait on it.
CREATE FUNCTION berth_internal.revoke_chunk_grants(hypertable regclass)
  RETURNS SETOF regclass
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  opened record;
  chunk regclass;
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid, aclexplode(c.relacl) a
    WHERE i.inhparent = hypertable AND a.grantee <> c.relowner
  ) THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(73261482, hypertable::oid::integer);
  FOR opened IN
    SELECT DISTINCT c.oid::regclass AS rel, a.grantee
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid, aclexplode(c.relacl) a
    WHERE i.inhparent = hypertable AND a.grantee <> c.relowner
    ORDER BY 1, 2
  LOOP
    EXECUTE format('REVOKE ALL ON %s FROM %s', opened.rel,
      CASE WHEN opened.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(opened.grantee)) END);
    IF chunk IS DISTINCT FROM opened.rel THEN
      chunk := opened.rel;
      RETURN NEXT chunk;
    END IF;
  END LOOP;
END $$;
REVOKE ALL ON FUNCTION berth_internal.revoke_chunk_grants(regclass) FROM PUBLIC;

-- Fires once per INSERT, COPY or MERGE statement on a hypertable, as the owner.
CREATE FUNCTION berth_internal.revoke_new_chunk_grants() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  PERFORM berth_internal.revoke_chunk_grants(TG_RELID::regclass);
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION berth_internal.revoke_new_chunk_grants() FROM PUBLIC;

-- TimescaleDB's catalog tables and views, readable by PUBLIC as installed, show per chunk its
-- time range, sizes and row counts, column minima and maxima (chunk skipping), background job
-- errors: all organisations' data summarised, and some of it verbatim. Berth's runtime needs
-- none of it (TimescaleDB reads its catalog internally, without privilege checks), so PUBLIC
-- loses every privilege on relations in the extension's schemas, and EXECUTE on its
-- SECURITY DEFINER functions and on the telemetry report. An extension update grants them
-- again: this runs after every migration. Only what is open is revoked (no catalog churn).
CREATE FUNCTION berth_internal.restrict_timescale_catalog() RETURNS void
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  item record;
BEGIN
  FOR item IN
    SELECT c.oid::regclass AS rel, CASE WHEN c.relkind = 'S' THEN 'SEQUENCE ' ELSE '' END AS kind
    FROM pg_class c
    WHERE c.relnamespace IN (
        SELECT d.objid FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
        WHERE e.extname = 'timescaledb' AND d.classid = 'pg_namespace'::regclass AND d.deptype = 'e')
      AND EXISTS (SELECT 1 FROM aclexplode(c.relacl) a WHERE a.grantee = 0)
    ORDER BY 1
  LOOP
    EXECUTE format('REVOKE ALL ON %s%s FROM PUBLIC', item.kind, item.rel);
  END LOOP;
  FOR item IN
    SELECT p.oid::regprocedure AS fn FROM pg_depend d
    JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'timescaledb'
    JOIN pg_proc p ON p.oid = d.objid
    WHERE d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
      AND (p.prosecdef OR p.proname = 'get_telemetry_report')
      AND has_function_privilege('public', p.oid, 'EXECUTE')
    ORDER BY 1
  LOOP
    EXECUTE format('REVOKE EXECUTE ON ROUTINE %s FROM PUBLIC', item.fn);
  END LOOP;
END $$;
REVOKE ALL ON FUNCTION berth_internal.restrict_timescale_catalog() FROM PUBLIC;

-- Everything above for every hypertable, including those created after this migration by
-- other means than create_time_series: grantAppRole calls it after every migration.
CREATE FUNCTION berth_internal.protect_timescale_storage() RETURNS SETOF regclass
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  hypertable regclass;
BEGIN
  IF NOT berth_internal.timescale_enabled() THEN
    RETURN;
  END IF;
  PERFORM berth_internal.restrict_timescale_catalog();
  FOR hypertable IN
    SELECT format('%I.%I', h.schema_name, h.table_name)::regclass
    FROM _timescaledb_catalog.hypertable h ORDER BY h.id
  LOOP
    IF NOT EXISTS (
      SELECT 1 FROM pg_trigger WHERE tgrelid = hypertable AND tgname = 'berth_revoke_chunk_grants'
    ) THEN
      EXECUTE format('CREATE TRIGGER berth_revoke_chunk_grants AFTER INSERT ON %s '
        'FOR EACH STATEMENT EXECUTE FUNCTION berth_internal.revoke_new_chunk_grants()', hypertable);
    END IF;
    RETURN QUERY SELECT berth_internal.revoke_chunk_grants(hypertable);
  END LOOP;
END $$;
REVOKE ALL ON FUNCTION berth_internal.protect_timescale_storage() FROM PUBLIC;

-- Which retention the installed edition runs itself: the Apache-2 edition has no policies
-- (add_retention_policy raises), nor does a hypertable whose policy was never added.
CREATE FUNCTION berth_internal.timescale_retention_policy_runs(tbl regclass) RETURNS boolean
  LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF current_setting('timescaledb.license', true) IS DISTINCT FROM 'timescale' THEN
    RETURN false;
  END IF;
  RETURN EXISTS (
    SELECT 1 FROM timescaledb_information.jobs j
    WHERE j.proc_name = 'policy_retention' AND j.scheduled
      AND format('%I.%I', j.hypertable_schema, j.hypertable_name)::regclass = tbl);
END $$;
REVOKE ALL ON FUNCTION berth_internal.timescale_retention_policy_runs(regclass) FROM PUBLIC;

-- Time-series tables created by later migrations: a retention policy only where the edition
-- offers policies, and their chunks closed from the first insert.
CREATE OR REPLACE FUNCTION berth_internal.create_time_series(
  tbl text, columns text, time_column text, granularity text, retention interval
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF berth_internal.timescale_enabled() THEN
    EXECUTE format('CREATE TABLE public.%I (%s)', tbl, columns);
    PERFORM create_hypertable(format('public.%I', tbl)::regclass, time_column,
      chunk_time_interval => CASE granularity WHEN 'day' THEN interval '1 day' ELSE interval '1 month' END);
    IF current_setting('timescaledb.license', true) = 'timescale' THEN
      PERFORM add_retention_policy(format('public.%I', tbl)::regclass, retention);
    END IF;
  ELSE
    EXECUTE format('CREATE TABLE public.%I (%s) PARTITION BY RANGE (%I)', tbl, columns, time_column);
  END IF;
  INSERT INTO berth_internal.partition_policies (table_name, time_column, granularity, retention)
    VALUES (tbl, time_column, granularity, retention);
  PERFORM berth_internal.protect_tenant_table(format('public.%I', tbl)::regclass);
  PERFORM berth_internal.protect_timescale_storage();
END $$;

SELECT count(*) FROM berth_internal.protect_timescale_storage();
