-- Actions past their deadline become timed_out and are never executed later. Queued or
-- sent ones expire at the deadline; a running one gets `running_grace` for the agent's own
-- timeout report to arrive first. Crosses tenants (all actions), so it is a reviewed
-- SECURITY DEFINER function returning what gateways need to announce each change.
CREATE FUNCTION berth_maintenance.expire_actions(running_grace interval)
  RETURNS TABLE (action_id uuid, org_id uuid, host_id uuid, container_short_id text, verb text, output text)
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  UPDATE actions a SET status = 'timed_out', finished_at = now(),
    output = coalesce(a.output, CASE a.status
      WHEN 'running' THEN 'the agent did not report a result before the deadline'
      ELSE 'the host did not receive it before the deadline' END)
  WHERE (a.status IN ('queued', 'sent') AND a.deadline <= now())
     OR (a.status = 'running' AND a.deadline + running_grace <= now())
  RETURNING a.id, a.org_id, a.host_id, a.container_short_id::text, a.verb, a.output
$$;
REVOKE ALL ON FUNCTION berth_maintenance.expire_actions(interval) FROM PUBLIC;

-- The sweep runs every few seconds on every gateway: only unfinished actions are indexed.
CREATE INDEX actions_unfinished_deadline_idx ON actions (deadline) WHERE status IN ('queued', 'sent', 'running');
