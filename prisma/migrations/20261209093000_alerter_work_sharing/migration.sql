-- Several alerters share the work instead of each doing all of it (issue 15). Correctness never
-- depended on this (every transition, flush and delivery is won by one statement); the tables
-- below only keep N replicas from doing the same evaluation N times. See docs/decisions.md.

-- The periodic pass, claimed per organisation: when its next pass is due and which replica
-- holds it now. A replica that dies mid-pass holds its claim until `lease_until`; the lease
-- token fences its late finish out once another replica took the organisation over.
-- Tenant-scoped like every table with an org column: an organisation may read its own row
-- (harmless: times and a replica id); the alerter reaches all rows only through the
-- berth_maintenance functions below.
CREATE TABLE "alert_pass_claims" (
  "org_id" uuid PRIMARY KEY REFERENCES "organizations"("id") ON DELETE CASCADE,
  "due_at" timestamptz(3) NOT NULL,
  "claimed_by" uuid,
  "lease_until" timestamptz(3),
  "lease_token" uuid,
  -- The round (one replica's pass() call) that last claimed it: a round never takes an
  -- organisation twice, even when its next pass is due at once (an interval of 0 in tests).
  "last_round" uuid
);
CREATE INDEX "alert_pass_claims_due_idx" ON "alert_pass_claims"("due_at");
SELECT berth_internal.protect_tenant_table('alert_pass_claims');

-- Gives organisations that gained rules a row due now; once per round of a replica's pass, so
-- the claims below need not recompute the whole set. Sorted: concurrent replicas insert in
-- one order, so they wait on each other instead of deadlocking. Rows of organisations without
-- rules any more stay, unclaimable, and are due at once when a rule comes back.
CREATE FUNCTION berth_maintenance.enrol_alert_passes(at timestamptz)
  RETURNS integer
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  WITH added AS (
    INSERT INTO alert_pass_claims (org_id, due_at)
    SELECT o, at FROM berth_maintenance.orgs_with_alert_rules() AS o
     WHERE NOT EXISTS (SELECT 1 FROM alert_pass_claims c WHERE c.org_id = o)
     ORDER BY o
    ON CONFLICT (org_id) DO NOTHING
    RETURNING 1)
  SELECT count(*)::integer FROM added
$$;
REVOKE ALL ON FUNCTION berth_maintenance.enrol_alert_passes(timestamptz) FROM PUBLIC;

-- Claims up to `max_rows` organisations whose pass is due, not held by a live lease and not
-- taken before in this `round`, that still have an enabled rule or an open alert (the same
-- test as orgs_with_alert_rules, per row through the org_id indexes).
CREATE FUNCTION berth_maintenance.claim_due_alert_passes(at timestamptz, lease interval, replica uuid, round uuid, max_rows integer)
  RETURNS TABLE (org_id uuid, lease_token uuid)
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  -- MATERIALIZED: chosen and locked once (docs/decisions.md, the rollup and notification claims:
  -- as an IN (subquery) the LIMIT … SKIP LOCKED part may be rescanned per row and claim them all).
  WITH due AS MATERIALIZED (
    SELECT c.org_id FROM alert_pass_claims c
     WHERE c.due_at <= at
       AND (c.lease_until IS NULL OR c.lease_until <= at)
       AND c.last_round IS DISTINCT FROM round
       AND (EXISTS (SELECT 1 FROM alert_rules r WHERE r.org_id = c.org_id AND r.enabled)
            OR EXISTS (SELECT 1 FROM alerts a WHERE a.org_id = c.org_id AND a.state <> 'resolved'))
     ORDER BY c.due_at, c.org_id
     LIMIT max_rows
     FOR UPDATE OF c SKIP LOCKED)
  UPDATE alert_pass_claims c
     SET claimed_by = replica, lease_until = at + lease, lease_token = gen_random_uuid(), last_round = round
    FROM due
   WHERE c.org_id = due.org_id
  RETURNING c.org_id, c.lease_token
$$;
REVOKE ALL ON FUNCTION berth_maintenance.claim_due_alert_passes(timestamptz, interval, uuid, uuid, integer) FROM PUBLIC;

-- Ends a claim (evaluated or failed): the next pass is due at `next_due`. False when the lease
-- was taken over meanwhile; then the new holder's claim stands.
CREATE FUNCTION berth_maintenance.finish_alert_pass(org uuid, token uuid, next_due timestamptz)
  RETURNS boolean
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  WITH done AS (
    UPDATE alert_pass_claims
       SET due_at = next_due, claimed_by = NULL, lease_until = NULL, lease_token = NULL
     WHERE org_id = org AND lease_token = token
    RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM done)
$$;
REVOKE ALL ON FUNCTION berth_maintenance.finish_alert_pass(uuid, uuid, timestamptz) FROM PUBLIC;

-- The live alerters, for splitting host events among them (each evaluates the hosts whose hash
-- falls on its rank). Not tenant data, no org column: in berth_internal, which the runtime
-- role cannot read at all; only the two functions below touch it.
CREATE TABLE berth_internal.alerter_replicas (
  replica_id uuid PRIMARY KEY,
  alive_until timestamptz(3) NOT NULL
);

-- Registers (or renews) `replica` until at + ttl and returns the live replicas in rank order.
-- Rows dead for a whole ttl more are dropped; a row merely expired is just not live.
CREATE FUNCTION berth_maintenance.alerter_heartbeat(replica uuid, at timestamptz, ttl interval)
  RETURNS SETOF uuid
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  DELETE FROM berth_internal.alerter_replicas WHERE alive_until < at - ttl;
  INSERT INTO berth_internal.alerter_replicas (replica_id, alive_until) VALUES (replica, at + ttl)
  ON CONFLICT (replica_id) DO UPDATE SET alive_until = EXCLUDED.alive_until;
  SELECT replica_id FROM berth_internal.alerter_replicas WHERE alive_until > at ORDER BY replica_id
$$;
REVOKE ALL ON FUNCTION berth_maintenance.alerter_heartbeat(uuid, timestamptz, interval) FROM PUBLIC;

-- A clean stop: the replica leaves the live set and gives back its pass claims, so the others
-- take its hosts and organisations at once instead of after the lease.
CREATE FUNCTION berth_maintenance.alerter_leave(replica uuid)
  RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  DELETE FROM berth_internal.alerter_replicas WHERE replica_id = replica;
  UPDATE alert_pass_claims SET claimed_by = NULL, lease_until = NULL, lease_token = NULL
   WHERE claimed_by = replica;
$$;
REVOKE ALL ON FUNCTION berth_maintenance.alerter_leave(uuid) FROM PUBLIC;
