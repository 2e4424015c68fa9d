// The action lifecycle as the gateway sees it: queued → sent → running → terminal.

/**
 * Claims a host's still-valid actions for delivery: one queued action (a nudge), or on a
 * new connection every queued and sent one — a sent action whose socket died before the
 * result is sent again; the agent runs each id at most once.
 */
export const CLAIM_PENDING = `
  UPDATE actions SET status = 'sent', sent_at = coalesce(sent_at, now())
  WHERE host_id = $1 AND deadline > now()
    AND (status = 'queued' OR ($2::uuid IS NULL AND status = 'sent'))
    AND ($2::uuid IS NULL OR id = $2)
  RETURNING id, verb, container_short_id, params, deadline`;

const TERMINAL = `('succeeded', 'failed', 'timed_out', 'rejected')`;

/** A result moves an action forward only (a late or repeated result never rewinds it). */
export const RECORD_RESULT = `
  UPDATE actions SET
    status = $3::action_status,
    output = CASE WHEN $4::text = '' THEN output ELSE $4 END,
    started_at = coalesce(started_at, $5::timestamptz, CASE WHEN $3 = 'running' THEN now() END),
    finished_at = CASE WHEN $3 IN ${TERMINAL} THEN coalesce($6::timestamptz, now()) ELSE finished_at END
  WHERE id = $1 AND host_id = $2 AND status NOT IN ${TERMINAL}
    AND NOT ($3 = 'running' AND status = 'running')
  RETURNING verb, container_short_id, output`;
