// Image update checks as the gateway runs them (docs/image-updates.md). Every statement runs
// inside one organisation's withOrgClient transaction, so RLS keeps it to that organisation.

const RUNS_IT = `c.removed_at IS NULL AND c.repo_digests IS NOT NULL AND c.image_platform IS NOT NULL`;

/**
 * A check row for every (reference, platform) the given hosts run; a reference no live
 * container of the organisation runs any more loses its row (unless a host holds it now).
 */
export const SYNC_CHECKS = `
  WITH added AS (
    INSERT INTO image_update_checks (org_id, image, platform)
    SELECT DISTINCT c.org_id, c.image, c.image_platform FROM containers c
    WHERE c.host_id = ANY($1::uuid[]) AND ${RUNS_IT}
    ON CONFLICT (org_id, image, platform) DO NOTHING
    RETURNING id
  )
  DELETE FROM image_update_checks k
  WHERE (k.lease_until IS NULL OR k.lease_until < now())
    AND NOT EXISTS (SELECT 1 FROM containers c
                    WHERE c.org_id = k.org_id AND c.image = k.image AND c.image_platform = k.platform
                      AND ${RUNS_IT})`;

/**
 * Leases due checks to ONE of the given hosts that runs the reference (chosen at random, so
 * the quota spreads over the hosts). FOR UPDATE SKIP LOCKED plus the lease: a check another
 * gateway is claiming or has leased is skipped, never sent twice. The local digests sent are
 * the chosen host's own containers' (the verdict is about what that host runs).
 * $1 hosts, $2 request id per host (same order), $3 lease ms, $4 most checks per sweep.
 */
export const CLAIM_DUE = `
  WITH due AS (
    SELECT k.id, k.image, k.platform FROM image_update_checks k
    WHERE k.next_check_at <= now() AND (k.lease_until IS NULL OR k.lease_until < now())
      AND EXISTS (SELECT 1 FROM containers c
                  WHERE c.host_id = ANY($1::uuid[]) AND c.image = k.image AND c.image_platform = k.platform
                    AND ${RUNS_IT})
    ORDER BY k.next_check_at
    LIMIT $4
    FOR UPDATE SKIP LOCKED
  ), assigned AS (
    SELECT due.id, runner.i FROM due
    CROSS JOIN LATERAL (
      SELECT h.i FROM unnest($1::uuid[]) WITH ORDINALITY AS h(host_id, i)
      WHERE EXISTS (SELECT 1 FROM containers c
                    WHERE c.host_id = h.host_id AND c.image = due.image AND c.image_platform = due.platform
                      AND ${RUNS_IT})
      ORDER BY random() LIMIT 1
    ) runner
  )
  UPDATE image_update_checks u
  SET lease_until = now() + $3::int * interval '1 millisecond',
      lease_host_id = ($1::uuid[])[a.i], lease_request_id = ($2::uuid[])[a.i]
  FROM assigned a WHERE u.id = a.id
  RETURNING u.id, u.image, u.platform, u.lease_host_id AS host_id, u.lease_request_id AS request_id,
    ARRAY(SELECT DISTINCT r FROM containers c, unnest(c.repo_digests) AS r
          WHERE c.host_id = u.lease_host_id AND c.image = u.image AND c.image_platform = u.platform
            AND ${RUNS_IT} ORDER BY r) AS repo_digests`;

/**
 * One answer per row, written only under the lease it was sent with (the host and request):
 * a late answer to a lease that ran out and went to another host is dropped. The next check is
 * due one interval later: the organisation's, else the server's ($4 seconds).
 */
export const RECORD_OUTCOMES = `
  UPDATE image_update_checks u SET
    status = r.status, error = r.error, remote_digest = r."remoteDigest", platform_digest = r."platformDigest",
    checked_digests = ARRAY(SELECT jsonb_array_elements_text(r."checkedDigests")),
    newest_patch = r.newest->>'patch', newest_minor = r.newest->>'minor', newest_major = r.newest->>'major',
    rate_limit_limit = (r."rateLimit"->>'limit')::int, rate_limit_remaining = (r."rateLimit"->>'remaining')::int,
    checked_at = now(), checked_by_host_id = $1::uuid,
    next_check_at = now() + make_interval(secs => coalesce(
      (SELECT s.check_interval_s FROM image_update_settings s WHERE s.org_id = u.org_id), $4::int)),
    lease_until = NULL, lease_host_id = NULL, lease_request_id = NULL
  FROM jsonb_to_recordset($3::jsonb) AS r(id uuid, status text, error text, "remoteDigest" text,
    "platformDigest" text, "checkedDigests" jsonb, newest jsonb, "rateLimit" jsonb)
  WHERE u.id = r.id AND u.lease_host_id = $1::uuid AND u.lease_request_id = $2::uuid
  RETURNING u.id`;

/** A host's socket closed: its unanswered checks may go to another host at the next sweep. */
export const RELEASE_LEASES = `
  UPDATE image_update_checks SET lease_until = NULL, lease_host_id = NULL, lease_request_id = NULL
  WHERE lease_host_id = $1::uuid AND lease_request_id = ANY($2::uuid[])`;
