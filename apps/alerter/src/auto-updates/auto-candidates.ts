import type pg from 'pg';
import type { PolicyResolver } from './container-policy-rules.js';

/** An outdated container as the automatic updates read it (container_image_updates). */
export type CandidateRow = {
  host_id: string;
  short_id: string;
  name: string;
  image: string;
  platform: string;
  labels: Record<string, string> | null;
  capabilities: string[];
};

/**
 * Starts a rollout per image reference (and platform) with an `auto` container that can be
 * updated now, towards the reference's remote digest. One rollout per reference at a time: a
 * newer digest waits for the running one to end. References with no `auto` container start
 * nothing (no empty rollouts in the console).
 */
export async function startRollouts(client: pg.ClientBase, orgId: string, policyOf: PolicyResolver) {
  const { rows } = await client.query<CandidateRow>(
    `SELECT u.host_id, u.short_id, u.name, u.image, u.platform, c.labels, h.capabilities
       FROM container_image_updates u
       JOIN containers c ON c.host_id = u.host_id AND c.short_id = u.short_id
       JOIN hosts h ON h.id = u.host_id
      WHERE u.status = 'update_available' AND h.revoked_at IS NULL`,
  );
  const references = new Map(
    autoCandidates(rows, policyOf).map((c) => [`${c.container.image}\n${c.container.platform}`, c.container]),
  );
  if (references.size === 0) return;
  const picked = [...references.values()];
  await client.query(
    `INSERT INTO auto_update_rollouts (org_id, image, platform, remote_digest)
     SELECT DISTINCT $1::uuid, u.image, u.platform, k.remote_digest
       FROM container_image_updates u JOIN image_update_checks k ON k.id = u.check_id
       JOIN unnest($2::text[], $3::text[]) AS want(image, platform)
         ON want.image = u.image AND want.platform = u.platform
      WHERE u.status = 'update_available' AND k.remote_digest IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM auto_update_rollouts r
                         WHERE r.image = u.image AND r.platform = u.platform AND r.status = 'running')
     ON CONFLICT DO NOTHING`,
    [orgId, picked.map((c) => c.image), picked.map((c) => c.platform)],
  );
}

/** The rows whose agent can update and whose resolved policy is `auto`, in the rows' order. */
export function autoCandidates(rows: readonly CandidateRow[], policyOf: PolicyResolver) {
  return rows.flatMap((container) => {
    if (!container.capabilities.includes('container_update') || container.capabilities.includes('read_only'))
      return [];
    const policy = policyOf({
      hostId: container.host_id,
      name: container.name,
      image: container.image,
      labels: container.labels ?? {},
    });
    return policy.policy === 'auto' ? [{ container, policy }] : [];
  });
}
