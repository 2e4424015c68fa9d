// Image update checks as the gateway runs them (docs/image-updates.md). Every statement runs
// inside one organisation's withOrgClient transaction, so RLS keeps it to that organisation.

const RUNS_IT = `c.removed_at IS NULL AND c.repo_digests IS NOT NULL AND c.image_platform IS NOT NULL`;

/**
 * The bare digests every live container of the organisation on check `k`'s reference and
 * platform runs (whatever host, whatever gateway holds it): what a check judges.
 */
const fleetDigestsOf = (k: string) => `
  SELECT DISTINCT split_part(r, '@', 2) AS digest FROM containers c, unnest(c.repo_digests) AS r
  WHERE c.org_id = ${k}.org_id AND c.image = ${k}.image AND c.image_platform = ${k}.platform AND ${RUNS_IT}
    AND split_part(r, '@', 2) ~ '^sha256:[0-9a-f]{64}$'`;
const FLEET_DIGESTS = fleetDigestsOf('u');

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
 * the chosen host's own containers' (the verdict is about what that host runs); the fleet
 * digests are every live container's of the organisation on the reference (RLS keeps them to
 * it), with the platform child already resolved, unknown and never-judged ones first.
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
            AND ${RUNS_IT} ORDER BY r) AS repo_digests,
    (SELECT coalesce(jsonb_agg(CASE WHEN x.index_digest IS NULL THEN jsonb_build_object('digest', f.digest)
                                    ELSE jsonb_build_object('digest', f.digest, 'platformDigest', x.child_digest) END
                               ORDER BY x.index_digest IS NULL DESC, f.digest = ANY(u.judged_digests), f.digest),
                     '[]'::jsonb)
     FROM (${FLEET_DIGESTS} UNION SELECT u.remote_digest WHERE u.remote_digest IS NOT NULL) f
     LEFT JOIN image_index_children x ON x.check_id = u.id AND x.index_digest = f.digest
    ) AS fleet_digests`;

/**
 * One answer per row, written only under the lease it was sent with (the host and request):
 * a late answer to a lease that ran out and went to another host is dropped. The next check is
 * due one interval later: the organisation's, else the server's ($4 seconds).
 */
export const RECORD_OUTCOMES = `
  UPDATE image_update_checks u SET
    status = r.status, error = r.error, remote_digest = r."remoteDigest", platform_digest = r."platformDigest",
    checked_digests = ARRAY(SELECT jsonb_array_elements_text(r."checkedDigests")),
    judged_digests = ARRAY(SELECT DISTINCT j FROM unnest(u.judged_digests
        || ARRAY(SELECT jsonb_array_elements_text(r."judgedDigests"))) AS j
      WHERE j IN (${fleetDigestsOf('u')})),
    newest_patch = r.newest->>'patch', newest_minor = r.newest->>'minor', newest_major = r.newest->>'major',
    rate_limit_limit = (r."rateLimit"->>'limit')::int, rate_limit_remaining = (r."rateLimit"->>'remaining')::int,
    checked_at = now(), checked_by_host_id = $1::uuid,
    next_check_at = now() + make_interval(secs => coalesce(
      (SELECT s.check_interval_s FROM image_update_settings s WHERE s.org_id = u.org_id), $4::int)),
    lease_until = NULL, lease_host_id = NULL, lease_request_id = NULL
  FROM jsonb_to_recordset($3::jsonb) AS r(id uuid, status text, error text, "remoteDigest" text,
    "platformDigest" text, "checkedDigests" jsonb, "judgedDigests" jsonb, newest jsonb, "rateLimit" jsonb)
  WHERE u.id = r.id AND u.lease_host_id = $1::uuid AND u.lease_request_id = $2::uuid
  RETURNING u.id`;

/** A host's socket closed: its unanswered checks may go to another host at the next sweep. */
export const RELEASE_LEASES = `
  UPDATE image_update_checks SET lease_until = NULL, lease_host_id = NULL, lease_request_id = NULL
  WHERE lease_host_id = $1::uuid AND lease_request_id = ANY($2::uuid[])`;

/**
 * Platform children a check resolved, kept per check (digests are immutable: never resolved
 * again). Only for checks the answer was written under ($1: the ids RECORD_OUTCOMES returned).
 */
export const RECORD_CHILDREN = `
  INSERT INTO image_index_children (org_id, check_id, index_digest, child_digest)
  SELECT DISTINCT ON (k.id, r.digest) k.org_id, k.id, r.digest, r."platformDigest"
  FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, digest text, "platformDigest" text)
  JOIN image_update_checks k ON k.id = r.id
  WHERE k.id = ANY($1::uuid[])
  ON CONFLICT (check_id, index_digest) DO UPDATE SET child_digest = EXCLUDED.child_digest, resolved_at = now()`;

/**
 * Children no live container and no current tag holds any more are forgotten. A check is due
 * now when a live container runs a digest no check has judged yet (a host pulled an older
 * index, or there were more than a check resolves), so that container's verdict does not wait
 * an interval: one HEAD (free of Docker Hub's pull quota), plus a GET per new index. Judged
 * digests accumulate (RECORD_OUTCOMES), so this cannot repeat for the same digest. Not after an
 * error: that waits its interval.
 */
export const SETTLE_CHILDREN = `
  WITH forgotten AS (
    DELETE FROM image_index_children x USING image_update_checks k
    WHERE x.check_id = k.id AND x.index_digest IS DISTINCT FROM k.remote_digest
      AND x.index_digest NOT IN (${fleetDigestsOf('k')})
    RETURNING x.check_id
  )
  UPDATE image_update_checks k SET next_check_at = now()
  WHERE k.status IN ('up_to_date', 'update_available')
    AND k.next_check_at > now() AND (k.lease_until IS NULL OR k.lease_until < now())
    AND EXISTS (SELECT 1 FROM (${fleetDigestsOf('k')}) f
                WHERE f.digest IS DISTINCT FROM k.remote_digest AND f.digest IS DISTINCT FROM k.platform_digest
                  AND NOT f.digest = ANY(k.checked_digests) AND NOT f.digest = ANY(k.judged_digests)
                  AND NOT EXISTS (SELECT 1 FROM image_index_children x
                                  WHERE x.check_id = k.id AND x.index_digest = f.digest))`;
