-- A time partition (or TimescaleDB chunk) that was never analyzed (reltuples < 0) has no
-- statistics. On one, the planner takes the RLS index (org_id, ts) for a read by host and
-- filters the organisation's whole window: the alerter's container_events counts read every
-- event of the organisation for a few hosts' (docs/benchmarks.md, "Alerts: what an evaluation
-- costs PostgreSQL"). Autovacuum analyzes a partition after its first ~50 rows, one naptime
-- later; a server running without it (the test server), or one whose autovacuum lags, leaves
-- each new day partition without statistics. Berth's maintenance job calls this: it analyzes
-- each never-analyzed partition of the time series that has at least `min_rows` changed rows
-- since it was created, so a new day's partition is planned with statistics once it has data.
-- Runs as the owner (SECURITY DEFINER: only the owner may ANALYZE); one caller at a time, the
-- others return at once.
CREATE FUNCTION berth_maintenance.analyze_new_partitions(min_rows bigint DEFAULT 50)
  RETURNS TABLE (partition_name text)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  child record;
BEGIN
  IF NOT pg_try_advisory_xact_lock(7326148204) THEN
    RETURN;
  END IF;
  FOR child IN
    SELECT n.nspname, c.relname
      FROM berth_internal.partition_policies p
      JOIN pg_inherits i ON i.inhparent = to_regclass(format('public.%I', p.table_name))
      JOIN pg_class c ON c.oid = i.inhrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_stat_all_tables s ON s.relid = c.oid
     WHERE c.reltuples < 0 AND s.n_mod_since_analyze >= min_rows
     ORDER BY c.relname
  LOOP
    EXECUTE format('ANALYZE %I.%I', child.nspname, child.relname);
    partition_name := child.relname;
    RETURN NEXT;
  END LOOP;
END $$;
REVOKE ALL ON FUNCTION berth_maintenance.analyze_new_partitions(bigint) FROM PUBLIC;
