-- Exec sessions that survive the API (issue 18). The transcript is appended as the session
-- runs, in chunks (at most every second or 64 KiB), so a crash of the API loses at most the
-- last second of output; the session row carries a heartbeat (bytes so far) the relaying API
-- refreshes, so a session whose API died can be told from one still being relayed. A granted
-- session whose socket never opened ends when its ticket expires. Both sweeps cross tenants, so
-- they are one reviewed SECURITY DEFINER function. The org may also shorten the API's idle
-- timeout and maximum duration (never lengthen them: the API caps what it relays).

ALTER TABLE "exec_settings"
  ADD COLUMN "idle_timeout_s" integer CHECK ("idle_timeout_s" BETWEEN 30 AND 86400),
  ADD COLUMN "max_duration_s" integer CHECK ("max_duration_s" BETWEEN 60 AND 604800);

ALTER TABLE "exec_sessions" ADD COLUMN "heartbeat_at" timestamptz(3);

CREATE TABLE "exec_transcript_chunks" (
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "session_id" uuid NOT NULL,
  "seq" integer NOT NULL CHECK ("seq" >= 1),
  "data" bytea NOT NULL CHECK (octet_length("data") BETWEEN 1 AND 1048576),
  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY ("session_id", "seq"),
  FOREIGN KEY ("session_id", "org_id") REFERENCES "exec_sessions"("id", "org_id") ON DELETE CASCADE
);
SELECT berth_internal.protect_tenant_table('exec_transcript_chunks');

-- The sweep looks only at unfinished sessions.
CREATE INDEX "exec_sessions_unfinished_idx" ON "exec_sessions" ("status", "created_at")
  WHERE "status" IN ('pending', 'open');

-- Ends, in every organisation, the sessions granted more than `ticket_ttl` ago whose socket never
-- opened ('ticket_expired'), and the open ones whose API stopped refreshing them for
-- `orphan_after` ('api_restart': it crashed or was killed; what it recorded is kept). Each gets
-- its exec.close audit entry in the same statement; returns what it ended.
CREATE FUNCTION berth_maintenance.end_abandoned_exec_sessions(ticket_ttl interval, orphan_after interval)
  RETURNS TABLE (session_id uuid, org_id uuid, end_reason text)
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  WITH ended AS (
    UPDATE exec_sessions s SET status = 'ended', ended_at = now(),
      end_reason = CASE s.status WHEN 'pending' THEN 'ticket_expired' ELSE 'api_restart' END
    WHERE (s.status = 'pending' AND s.created_at < now() - ticket_ttl)
       OR (s.status = 'open' AND coalesce(s.heartbeat_at, s.started_at, s.created_at) < now() - orphan_after)
    RETURNING s.id, s.org_id, s.host_id, s.container_id, s.user_id, s.command, s.end_reason,
              s.bytes_in, s.bytes_out
  ), audited AS (
    INSERT INTO audit_logs (org_id, actor_user_id, action, target_type, target_id, details)
    SELECT e.org_id, e.user_id, 'exec.close', 'container', e.host_id || '/' || e.container_id,
           jsonb_build_object('sessionId', e.id, 'command', to_jsonb(e.command), 'reason', e.end_reason,
                              'exitCode', NULL, 'bytesIn', e.bytes_in, 'bytesOut', e.bytes_out)
    FROM ended e
  )
  SELECT e.id, e.org_id, e.end_reason FROM ended e
$$;
REVOKE ALL ON FUNCTION berth_maintenance.end_abandoned_exec_sessions(interval, interval) FROM PUBLIC;
