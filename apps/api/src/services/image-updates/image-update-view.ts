import type { ImageUpdate, ImageUpdateStatus, ResolvedUpdatePolicy } from '@berth/api-contract';
import type { ImageUpdateRow } from '@berth/db/queries';

/** The largest class among the newest versions found: major over minor over patch. */
function updateClassOf(row: ImageUpdateRow): ImageUpdate['updateClass'] {
  if (row.newestMajor) return 'major';
  if (row.newestMinor) return 'minor';
  if (row.newestPatch) return 'patch';
  return null;
}

export function imageUpdateView(
  row: ImageUpdateRow,
  policyOf: (container: ImageUpdateRow['containers'][number]) => ResolvedUpdatePolicy,
): ImageUpdate {
  const containers = row.containers.map((container) => {
    const resolved = policyOf(container);
    return {
      ...container,
      status: container.status as ImageUpdateStatus | null,
      policy: resolved.policy,
      policyReason: resolved.reason,
    };
  });
  return {
    id: row.id,
    image: row.image,
    platform: row.platform,
    status: row.status as ImageUpdateStatus | null,
    outdated: containers.filter((container) => container.status === 'update_available').length,
    updateClass: updateClassOf(row),
    newest: { patch: row.newestPatch, minor: row.newestMinor, major: row.newestMajor },
    error: row.error,
    remoteDigest: row.remoteDigest,
    checkedAt: row.checkedAt?.toISOString() ?? null,
    nextCheckAt: row.nextCheckAt.toISOString(),
    rateLimit:
      row.rateLimitLimit === null || row.rateLimitRemaining === null
        ? null
        : { limit: row.rateLimitLimit, remaining: row.rateLimitRemaining },
    containers,
  };
}
