-- Health-check results (issue 16, docs/checks.md): one row per run of a check that a
-- container's `berth.check.*` labels define, written by the gateway in the batch's own ingest
-- transaction (so exactly once, by the host's last_seq). A time series like the samples:
-- partitioned by day on plain PostgreSQL, a hypertable on TimescaleDB, tenant-scoped by RLS,
-- retention by the hourly maintenance (partition_policies). 31 days: the console's 30-day uptime.
--
-- `check_id` identifies a check without a table of checks: md5 of host id, container name and
-- check name as a uuid (the gateway computes it from the authenticated host, so one host's
-- agent cannot write into another host's check). Container names follow the check across a
-- recreate; `container_id` is the container the run found.

SELECT berth_internal.create_time_series('check_results', $c$
  org_id uuid NOT NULL, host_id uuid NOT NULL, check_id uuid NOT NULL,
  container_name text NOT NULL CHECK (length(container_name) BETWEEN 1 AND 256),
  container_id text CHECK (container_id ~ '^[0-9a-f]{12}$'),
  check_name text NOT NULL CHECK (check_name ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
  kind text CHECK (kind IN ('http', 'tcp')),
  ts timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('up', 'pending', 'down')),
  latency_ms integer NOT NULL CHECK (latency_ms >= 0),
  slow boolean NOT NULL DEFAULT false,
  status_code smallint CHECK (status_code BETWEEN 100 AND 599),
  cert_expires_at timestamptz,
  cert_expiring boolean NOT NULL DEFAULT false,
  error text CHECK (length(error) <= 1000),
  target text NOT NULL DEFAULT '' CHECK (length(target) <= 2048)
$c$, 'ts', 'day', interval '31 days');
CREATE INDEX check_results_check_ts_idx ON check_results (check_id, ts DESC);
CREATE INDEX check_results_org_ts_idx ON check_results (org_id, ts DESC);
CREATE INDEX check_results_host_ts_idx ON check_results (host_id, ts DESC);

SELECT count(*) FROM berth_maintenance.maintain_partitions();
