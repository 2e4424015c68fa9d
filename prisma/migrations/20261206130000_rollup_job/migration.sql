-- Rollups move out of the ingest transaction into a periodic job (docs/decisions.md,
-- "Rollups by a job"). Ingest marks each (host, minute) it wrote samples for as dirty; the job
-- claims dirty minutes, recomputes their 1-minute rows from the raw rows and the hours they
-- fall in from the 1-minute rows. Recomputing (not adding increments) makes a late or re-sent
-- batch simply re-roll its minute.
--
-- The marker is a plain table, not a time series: it holds only the minutes not yet rolled up
-- (seconds to minutes of data), so it stays small and its primary key serves both the job's
-- claim and the charts' "which minutes are still open" probe.
CREATE TABLE rollup_dirty_minutes (
  org_id uuid NOT NULL,
  host_id uuid NOT NULL,
  minute timestamptz NOT NULL,
  PRIMARY KEY (host_id, minute)
);
CREATE INDEX rollup_dirty_minutes_org_idx ON rollup_dirty_minutes (org_id, minute);
SELECT berth_internal.protect_tenant_table('rollup_dirty_minutes');

-- Hours whose 1-minute rows changed. An hour is recomputed (from its up to 60 1-minute rows per
-- series) once it has closed, not after every minute rolled up: that would read the hour's rows
-- 60 times over. Until then charts rebuild a marked hour from its 1-minute rows.
CREATE TABLE rollup_dirty_hours (
  org_id uuid NOT NULL,
  host_id uuid NOT NULL,
  hour timestamptz NOT NULL,
  PRIMARY KEY (host_id, hour)
);
SELECT berth_internal.protect_tenant_table('rollup_dirty_hours');

-- The job runs per organisation, under its RLS scope; this names the organisations with work
-- and nothing else (the markers' only cross-tenant read).
CREATE FUNCTION berth_maintenance.orgs_with_dirty_minutes(settled_before timestamptz)
  RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT org_id FROM rollup_dirty_minutes WHERE minute < settled_before
  UNION
  SELECT org_id FROM rollup_dirty_hours WHERE hour <= settled_before - interval '1 hour'
$$;
REVOKE ALL ON FUNCTION berth_maintenance.orgs_with_dirty_minutes(timestamptz) FROM PUBLIC;

-- The job recomputes one host's minute from the raw rows and one host's hour from the 1-minute
-- rows. The series indexes lead with (host_id, container_id): for a time range across a host's
-- containers PostgreSQL would walk every entry of the host in the partition (a day's worth per
-- minute rolled up). These serve the job's ranges directly.
CREATE INDEX container_samples_host_ts_idx ON container_samples (host_id, ts);
CREATE INDEX container_samples_1m_host_bucket_idx ON container_samples_1m (host_id, bucket);
