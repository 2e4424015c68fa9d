-- The stale-host sweep locked hosts in scan order while an ingest transaction, which locks
-- its hosts up front in id order and keeps them until commit, could wait for one the sweep
-- held: a deadlock (seen in bench:ingest under load). A host locked by ingest is receiving
-- a batch right now, so it is not stale: the sweep skips locked rows instead of waiting.
CREATE OR REPLACE FUNCTION berth_maintenance.mark_stale_hosts_offline(stale_after interval)
  RETURNS TABLE (host_id uuid, org_id uuid)
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  WITH stale AS (
    SELECT id FROM hosts
    WHERE status = 'online' AND (last_seen_at IS NULL OR last_seen_at < now() - stale_after)
    FOR UPDATE SKIP LOCKED
  )
  UPDATE hosts h SET status = 'offline'
  FROM stale WHERE h.id = stale.id
  RETURNING h.id, h.org_id
$$;
