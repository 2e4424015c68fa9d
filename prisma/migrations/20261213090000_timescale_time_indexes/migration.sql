-- TimescaleDB's create_hypertable adds an index on the time column alone (`<table>_<column>_idx`,
-- DESC) to every hypertable. Plain PostgreSQL's partitions never had one, and every statement
-- Berth runs is written for the indexes both engines share (host, container or organisation
-- first, then time), so on TimescaleDB it was one more B-tree every raw row and every rollup row
-- paid for, and one that let the planner pick a scan of every organisation's rows in a time
-- range (the rollup job did, until its statements went per host: docs/benchmarks.md, "The rollup
-- job's plan"). Both engines now carry the same indexes; hypertables made later get none.
DO $$
DECLARE
  r record;
BEGIN
  IF NOT berth_internal.timescale_enabled() THEN
    RETURN;
  END IF;
  FOR r IN
    SELECT i.indexrelid::regclass AS index_name
    FROM berth_internal.partition_policies p
    JOIN pg_class t ON t.relname = p.table_name AND t.relnamespace = 'public'::regnamespace
    JOIN pg_index i ON i.indrelid = t.oid AND i.indnatts = 1 AND NOT i.indisunique AND i.indpred IS NULL
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0] AND a.attname = p.time_column
  LOOP
    EXECUTE format('DROP INDEX %s', r.index_name);
  END LOOP;
END $$;

CREATE OR REPLACE FUNCTION berth_internal.create_time_series(
  tbl text, columns text, time_column text, granularity text, retention interval
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF berth_internal.timescale_enabled() THEN
    EXECUTE format('CREATE TABLE public.%I (%s)', tbl, columns);
    PERFORM create_hypertable(format('public.%I', tbl)::regclass, time_column,
      chunk_time_interval => CASE granularity WHEN 'day' THEN interval '1 day' ELSE interval '1 month' END,
      create_default_indexes => false);
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
