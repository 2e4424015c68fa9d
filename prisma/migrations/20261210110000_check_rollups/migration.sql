-- 1-minute and 1-hour rollups of health-check runs (issue 16, docs/checks.md), made by the same
-- periodic job as the metric rollups (docs/decisions.md, "Rollups by a periodic job"): the
-- ingest statement that writes check_results marks the (host, minute) of each run in
-- rollup_dirty_minutes, and the job recomputes the minute's rows per check from the raw runs,
-- then the closed hour's rows from the minute rows. Recomputed whole, never incremented, so a
-- late run re-rolls its minute and several jobs cannot double count.
--
-- Counts per status (pending counts as up for uptime, as in the raw-row statistics), slow runs,
-- latency sum/min/max over every run (avg = latency_sum / runs), and the bucket's newest run
-- (status, error). No percentile: an hour's p95 cannot be made from its minutes' p95s exactly,
-- and the raw rows (31 days) answer percentiles for the ranges the console asks them for.
-- Retention: 1-minute rows 8 days (the 7-day chart), 1-hour rows 400 days like the metric rollups
-- (the 30-day uptime needs 31).
SELECT berth_internal.create_time_series(t.name, $c$
  org_id uuid NOT NULL, host_id uuid NOT NULL, check_id uuid NOT NULL, bucket timestamptz NOT NULL,
  container_name text NOT NULL, check_name text NOT NULL,
  runs integer NOT NULL, up integer NOT NULL, pending integer NOT NULL, down integer NOT NULL,
  slow integer NOT NULL, latency_sum bigint NOT NULL, latency_min integer NOT NULL, latency_max integer NOT NULL,
  last_ts timestamptz NOT NULL, last_status text NOT NULL, last_error text,
  PRIMARY KEY (check_id, bucket)
$c$, 'bucket', t.granularity, t.retention)
FROM (VALUES ('check_results_1m', 'day', interval '8 days'),
             ('check_results_1h', 'month', interval '400 days')) AS t(name, granularity, retention);

-- The job reads a host's minute (hour) across its checks, like container_samples_1m's index.
CREATE INDEX check_results_1m_host_bucket_idx ON check_results_1m (host_id, bucket);
CREATE INDEX check_results_1h_host_bucket_idx ON check_results_1h (host_id, bucket);

SELECT count(*) FROM berth_maintenance.maintain_partitions();

-- The console's "last failures": the newest down runs of one check over the raw retention. A
-- check that rarely fails would otherwise walk a month of its runs to find a few.
CREATE INDEX check_results_check_down_idx ON check_results (check_id, ts DESC) WHERE status = 'down';
