-- Time series: raw samples, events, logs and 1-minute / 1-hour rollups.
-- Native declarative range partitioning on plain PostgreSQL; TimescaleDB hypertables when
-- the extension is installed and preloaded. Either way, every table is a tenant table (RLS).
-- Rows whose time has no partition are refused by PostgreSQL ("no partition of relation
-- ... found for row"): the ingest path accepts only the window that partitions cover
-- (see docs/data-model.md), so nothing is routed silently into a catch-all partition.

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
     AND coalesce(current_setting('shared_preload_libraries', true), '') LIKE '%timescaledb%' THEN
    CREATE EXTENSION IF NOT EXISTS timescaledb;
  END IF;
END $$;

CREATE FUNCTION berth_internal.timescale_enabled() RETURNS boolean
  LANGUAGE sql STABLE AS $$ SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') $$;

CREATE TABLE berth_internal.partition_policies (
  table_name text PRIMARY KEY,
  time_column text NOT NULL,
  granularity text NOT NULL CHECK (granularity IN ('day', 'month')),
  retention interval NOT NULL,
  premake integer NOT NULL DEFAULT 3 CHECK (premake BETWEEN 1 AND 60)
);

CREATE FUNCTION berth_internal.create_time_series(
  tbl text, columns text, time_column text, granularity text, retention interval
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF berth_internal.timescale_enabled() THEN
    EXECUTE format('CREATE TABLE public.%I (%s)', tbl, columns);
    PERFORM create_hypertable(format('public.%I', tbl)::regclass, time_column,
      chunk_time_interval => CASE granularity WHEN 'day' THEN interval '1 day' ELSE interval '1 month' END);
    PERFORM add_retention_policy(format('public.%I', tbl)::regclass, retention);
  ELSE
    EXECUTE format('CREATE TABLE public.%I (%s) PARTITION BY RANGE (%I)', tbl, columns, time_column);
  END IF;
  INSERT INTO berth_internal.partition_policies (table_name, time_column, granularity, retention)
    VALUES (tbl, time_column, granularity, retention);
  PERFORM berth_internal.protect_tenant_table(format('public.%I', tbl)::regclass);
END $$;
REVOKE ALL ON FUNCTION berth_internal.create_time_series(text, text, text, text, interval) FROM PUBLIC;

SELECT berth_internal.create_time_series('container_samples', $c$
  org_id uuid NOT NULL, host_id uuid NOT NULL, container_id text NOT NULL, ts timestamptz NOT NULL,
  cpu_pct real NOT NULL, mem_bytes bigint NOT NULL, mem_limit bigint NOT NULL,
  net_rx bigint NOT NULL, net_tx bigint NOT NULL, blk_read bigint NOT NULL, blk_write bigint NOT NULL,
  pids integer NOT NULL
$c$, 'ts', 'day', interval '7 days');
CREATE INDEX container_samples_series_idx ON container_samples (host_id, container_id, ts DESC);

SELECT berth_internal.create_time_series('host_samples', $c$
  org_id uuid NOT NULL, host_id uuid NOT NULL, ts timestamptz NOT NULL,
  cpu_pct real NOT NULL, load1 real NOT NULL, load5 real NOT NULL, load15 real NOT NULL,
  mem_used bigint NOT NULL, mem_total bigint NOT NULL, swap_used bigint NOT NULL, swap_total bigint NOT NULL,
  disk_used bigint NOT NULL, disk_total bigint NOT NULL, net_rx bigint NOT NULL, net_tx bigint NOT NULL,
  disks jsonb NOT NULL DEFAULT '[]'
$c$, 'ts', 'day', interval '7 days');
CREATE INDEX host_samples_series_idx ON host_samples (host_id, ts DESC);

SELECT berth_internal.create_time_series('container_events', $c$
  org_id uuid NOT NULL, host_id uuid NOT NULL, container_id text NOT NULL, ts timestamptz NOT NULL,
  action text NOT NULL, attributes jsonb NOT NULL DEFAULT '{}', count integer NOT NULL DEFAULT 1
$c$, 'ts', 'day', interval '30 days');
CREATE INDEX container_events_series_idx ON container_events (host_id, container_id, ts DESC);
CREATE INDEX container_events_org_ts_idx ON container_events (org_id, ts DESC);

-- (batch_seq, line_no) orders lines that share a timestamp; dropped > 0 marks lines the
-- agent's rate cap discarded (line is then empty).
SELECT berth_internal.create_time_series('container_logs', $c$
  org_id uuid NOT NULL, host_id uuid NOT NULL, container_id text NOT NULL, ts timestamptz NOT NULL,
  stream text NOT NULL CHECK (stream IN ('stdout', 'stderr')), line text NOT NULL,
  dropped integer NOT NULL DEFAULT 0, batch_seq bigint NOT NULL, line_no integer NOT NULL
$c$, 'ts', 'day', interval '7 days');
CREATE INDEX container_logs_series_idx ON container_logs (host_id, container_id, ts DESC, batch_seq DESC, line_no DESC);

-- Rollups keep sums and counts so buckets merge exactly (avg = sum / samples) when the
-- same bucket is written by several batches; cumulative counters keep their maximum.
SELECT berth_internal.create_time_series(t.name, $c$
  org_id uuid NOT NULL, host_id uuid NOT NULL, container_id text NOT NULL, bucket timestamptz NOT NULL,
  samples integer NOT NULL, cpu_sum double precision NOT NULL, cpu_max real NOT NULL,
  mem_sum double precision NOT NULL, mem_max bigint NOT NULL, mem_limit bigint NOT NULL,
  net_rx bigint NOT NULL, net_tx bigint NOT NULL, blk_read bigint NOT NULL, blk_write bigint NOT NULL,
  pids_max integer NOT NULL,
  PRIMARY KEY (host_id, container_id, bucket)
$c$, 'bucket', t.granularity, t.retention)
FROM (VALUES ('container_samples_1m', 'day', interval '30 days'),
             ('container_samples_1h', 'month', interval '400 days')) AS t(name, granularity, retention);

SELECT berth_internal.create_time_series(t.name, $c$
  org_id uuid NOT NULL, host_id uuid NOT NULL, bucket timestamptz NOT NULL,
  samples integer NOT NULL, cpu_sum double precision NOT NULL, cpu_max real NOT NULL,
  load1_sum double precision NOT NULL, load1_max real NOT NULL,
  mem_used_sum double precision NOT NULL, mem_used_max bigint NOT NULL, mem_total bigint NOT NULL,
  swap_used_max bigint NOT NULL, disk_used_max bigint NOT NULL, disk_total bigint NOT NULL,
  net_rx bigint NOT NULL, net_tx bigint NOT NULL,
  PRIMARY KEY (host_id, bucket)
$c$, 'bucket', t.granularity, t.retention)
FROM (VALUES ('host_samples_1m', 'day', interval '30 days'),
             ('host_samples_1h', 'month', interval '400 days')) AS t(name, granularity, retention);

CREATE INDEX container_samples_1m_org_idx ON container_samples_1m (org_id, bucket DESC);
CREATE INDEX host_samples_1m_org_idx ON host_samples_1m (org_id, bucket DESC);

-- Partition maintenance: creates partitions from the retention horizon up to `premake`
-- periods ahead, and drops those wholly older than the retention. Runs as the owner
-- (SECURITY DEFINER) so the runtime role may call it on a timer without owning tables.
CREATE SCHEMA berth_maintenance;
REVOKE ALL ON SCHEMA berth_maintenance FROM PUBLIC;

CREATE FUNCTION berth_maintenance.maintain_partitions(at timestamptz DEFAULT now())
  RETURNS TABLE (operation text, partition_name text)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  policy record;
  step interval;
  fmt text;
  lower_bound timestamptz;
  horizon timestamptz;
  child record;
BEGIN
  IF berth_internal.timescale_enabled() THEN
    RETURN;  -- TimescaleDB creates chunks on insert and drops them by retention policy
  END IF;
  -- Every gateway runs this on a timer: one at a time, the others find nothing left to do.
  PERFORM pg_advisory_xact_lock(7326148203);
  FOR policy IN SELECT * FROM berth_internal.partition_policies ORDER BY table_name LOOP
    step := CASE policy.granularity WHEN 'day' THEN interval '1 day' ELSE interval '1 month' END;
    fmt := CASE policy.granularity WHEN 'day' THEN 'YYYYMMDD' ELSE 'YYYYMM' END;
    horizon := at - policy.retention;
    lower_bound := date_trunc(policy.granularity, horizon, 'UTC');
    WHILE lower_bound < date_trunc(policy.granularity, at, 'UTC') + step * (policy.premake + 1) LOOP
      partition_name := policy.table_name || '_p' || to_char(lower_bound AT TIME ZONE 'UTC', fmt);
      IF to_regclass(format('public.%I', partition_name)) IS NULL THEN
        EXECUTE format('CREATE TABLE public.%I PARTITION OF public.%I FOR VALUES FROM (%L) TO (%L)',
          partition_name, policy.table_name, lower_bound, lower_bound + step);
        PERFORM berth_internal.protect_tenant_table(format('public.%I', partition_name)::regclass);
        operation := 'created';
        RETURN NEXT;
      END IF;
      lower_bound := lower_bound + step;
    END LOOP;
    FOR child IN
      SELECT c.relname FROM pg_inherits i
      JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = format('public.%I', policy.table_name)::regclass
    LOOP
      -- Our partitions are named <table>_p<start>; the upper bound is start + step.
      IF to_timestamp(substring(child.relname FROM '_p([0-9]+)$'), fmt)::timestamp AT TIME ZONE 'UTC' + step <= horizon THEN
        EXECUTE format('DROP TABLE public.%I', child.relname);
        operation := 'dropped';
        partition_name := child.relname;
        RETURN NEXT;
      END IF;
    END LOOP;
  END LOOP;
END $$;
REVOKE ALL ON FUNCTION berth_maintenance.maintain_partitions(timestamptz) FROM PUBLIC;

-- Retention and look-ahead are data, so operators can tune them without a migration.
CREATE FUNCTION berth_maintenance.partition_policies()
  RETURNS SETOF berth_internal.partition_policies
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$ SELECT * FROM berth_internal.partition_policies ORDER BY table_name $$;
REVOKE ALL ON FUNCTION berth_maintenance.partition_policies() FROM PUBLIC;

SELECT count(*) FROM berth_maintenance.maintain_partitions();
