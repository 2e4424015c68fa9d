-- container_cpu_usage_seconds_total (issue 18): the agent's cumulative CPU time of a container
-- in seconds (Docker's cpu_usage.total_usage / 1e9). Null for samples from agents that predate
-- the field, and for every sample written before this migration.
--
-- Nullable without a default, so adding it rewrites nothing: on plain PostgreSQL the column is
-- added to the partitioned table and every partition in the catalog only (partitions made later
-- inherit it); on TimescaleDB, ALTER TABLE on the hypertable is applied to every chunk the same
-- way. No Berth hypertable is compressed (columnstore chunks would take a nullable column without
-- a default too). The 1-minute and 1-hour rollups do not carry it: the export reads raw samples.
ALTER TABLE "container_samples" ADD COLUMN "cpu_seconds" double precision;
