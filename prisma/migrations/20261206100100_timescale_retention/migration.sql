-- Retention on TimescaleDB without policies. The Apache-2 edition (what several managed
-- PostgreSQL services offer) has hypertables, chunks and drop_chunks but no retention
-- policies, so until now nothing dropped expired chunks there. Berth's own maintenance job,
-- which every gateway runs hourly, now drops them with drop_chunks wherever the edition does
-- not run a policy for the table; on plain PostgreSQL it maintains partitions as before. It
-- also closes chunks that a GRANT on a hypertable opened (see 20261206100000).

CREATE OR REPLACE FUNCTION berth_maintenance.maintain_partitions(at timestamptz DEFAULT now())
  RETURNS TABLE (operation text, partition_name text)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  -- Every gateway runs this on a timer: one at a time, the others find nothing left to do.
  PERFORM pg_advisory_xact_lock(7326148203);
  IF berth_internal.timescale_enabled() THEN
    RETURN QUERY SELECT * FROM berth_internal.maintain_chunks(at);
  ELSE
    RETURN QUERY SELECT * FROM berth_internal.maintain_native_partitions(at);
  END IF;
END $$;

-- Drops chunks wholly older than the table's retention (drop_chunks' older_than is the end
-- of a chunk's range), unless the edition's own retention policy does it.
CREATE FUNCTION berth_internal.maintain_chunks(at timestamptz)
  RETURNS TABLE (operation text, partition_name text)
  LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  policy record;
BEGIN
  FOR policy IN SELECT * FROM berth_internal.partition_policies ORDER BY table_name LOOP
    CONTINUE WHEN berth_internal.timescale_retention_policy_runs(format('public.%I', policy.table_name)::regclass);
    operation := 'dropped';
    FOR partition_name IN
      SELECT drop_chunks(format('public.%I', policy.table_name)::regclass, older_than => at - policy.retention)
    LOOP
      RETURN NEXT;
    END LOOP;
  END LOOP;
  operation := 'protected';
  FOR partition_name IN SELECT berth_internal.protect_timescale_storage()::text LOOP
    RETURN NEXT;
  END LOOP;
END $$;
REVOKE ALL ON FUNCTION berth_internal.maintain_chunks(timestamptz) FROM PUBLIC;

-- Native partitions, unchanged from 20261123090200: creates partitions from the retention
-- horizon up to `premake` periods ahead, and drops those wholly older than the retention.
CREATE FUNCTION berth_internal.maintain_native_partitions(at timestamptz)
  RETURNS TABLE (operation text, partition_name text)
  LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  policy record;
  step interval;
  fmt text;
  lower_bound timestamptz;
  horizon timestamptz;
  child record;
BEGIN
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
REVOKE ALL ON FUNCTION berth_internal.maintain_native_partitions(timestamptz) FROM PUBLIC;
