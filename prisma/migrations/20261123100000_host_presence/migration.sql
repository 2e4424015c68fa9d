-- Hosts go offline when no batch arrived for a while, whichever gateway held them: this
-- sweep crosses tenants (all hosts), so it is a reviewed SECURITY DEFINER function that
-- returns only what the caller needs to announce the change to each organisation.
CREATE FUNCTION berth_maintenance.mark_stale_hosts_offline(stale_after interval)
  RETURNS TABLE (host_id uuid, org_id uuid)
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  UPDATE hosts h SET status = 'offline'
  WHERE h.status = 'online' AND (h.last_seen_at IS NULL OR h.last_seen_at < now() - stale_after)
  RETURNING h.id, h.org_id
$$;
REVOKE ALL ON FUNCTION berth_maintenance.mark_stale_hosts_offline(interval) FROM PUBLIC;
