-- The alerter's log_pattern rules read only the lines of a host's batches after the last one
-- they read (apps/alerter/src/evaluation/log-matches.ts): `host_id = $h AND batch_seq > $seq`.
-- The series index (host_id, container_id, ts, …) cannot bound that range — container_id sits
-- between — so the read touched every line of the host in the day's partition, and while that
-- partition had no statistics the planner scanned the whole partition for every evaluation
-- (docs/benchmarks.md, "Alerts: the log read, an evaluation window"). This index makes it one seek per host
-- reading only the new lines. Lines of one batch share (host_id, batch_seq), so btree
-- deduplication keeps it small: a posting list per batch.
CREATE INDEX container_logs_host_seq_idx ON container_logs (host_id, batch_seq);
