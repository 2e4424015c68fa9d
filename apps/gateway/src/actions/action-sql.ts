// The action lifecycle as the gateway sees it: queued → sent → running → terminal.

const CLAIMED = `RETURNING id, verb, container_short_id, params, deadline`;

/**
 * On hello: every still-valid queued action of the host, and every sent one whose delivery
 * belongs to an earlier connection (its socket died before the result; the agent runs each
 * id at most once). `$2` is this connection's epoch: an action a nudge already gave this
 * connection is not sent twice, and a superseded connection's late pass cannot take back
 * what a newer one was given. Concurrent claims of one row serialise on its row lock and
 * the loser re-checks this WHERE against the winner's row.
 */
export const CLAIM_ON_HELLO = `
  UPDATE actions SET status = 'sent', sent_at = coalesce(sent_at, now()), delivery_epoch = $2::bigint
  WHERE host_id = $1 AND deadline > now()
    AND (status = 'queued' OR (status = 'sent' AND coalesce(delivery_epoch, 0) < $2::bigint))
  ${CLAIMED}`;

/** After the API's nudge: the one action, if nothing has claimed it yet. */
export const CLAIM_NUDGED = `
  UPDATE actions SET status = 'sent', sent_at = now(), delivery_epoch = $3::bigint
  WHERE host_id = $1 AND id = $2 AND status = 'queued' AND deadline > now()
  ${CLAIMED}`;

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
  RETURNING verb, container_short_id, output, params`;

/**
 * A finished `container.update` (issue 17) leaves a container event on the updated container
 * (`update_succeeded` / `update_failed`, with the image and the agent's account, rollback
 * included) and an audit row with the same facts, in the transaction that records the result,
 * so a repeated result writes neither twice (RECORD_RESULT answers nothing then).
 * $1 org, $2 host, $3 container short id, $4 event action, $5 attributes (jsonb).
 */
export const RECORD_UPDATE_OUTCOME = `
  WITH event AS (
    INSERT INTO container_events (org_id, host_id, container_id, ts, action, attributes, count)
    VALUES ($1::uuid, $2::uuid, $3, now(), $4, $5::jsonb, 1)
  )
  INSERT INTO audit_logs (org_id, action, target_type, target_id, details)
  VALUES ($1::uuid, 'container.' || $4, 'container', $2::text || '/' || $3, $5::jsonb || jsonb_build_object('hostId', $2::text))`;

/** The action a progress report names, while it is this host's and still under way. */
export const ACTION_IN_FLIGHT = `
  SELECT verb, container_short_id FROM actions
  WHERE id = $1 AND host_id = $2 AND status IN ('sent', 'running')`;
