import type { ImageUpdate } from '@berth/api-contract';

/** The Updates page's class filter: `digest` is a re-pushed tag with no newer version tag. */
export const UPDATE_CLASS_FILTERS = ['all', 'major', 'minor', 'patch', 'digest', 'none'] as const;
export type UpdateClassFilter = (typeof UPDATE_CLASS_FILTERS)[number];

export function isUpdateClassFilter(value: unknown): value is UpdateClassFilter {
  return typeof value === 'string' && (UPDATE_CLASS_FILTERS as readonly string[]).includes(value);
}

/**
 * The class a row shows: the newest version class when there is one, `digest` when only the
 * tag's content changed for some container, null when nothing is newer.
 */
export function rowClass(row: ImageUpdate): 'major' | 'minor' | 'patch' | 'digest' | null {
  if (row.updateClass) return row.updateClass;
  return row.outdated > 0 ? 'digest' : null;
}

export const UPDATE_POLICY_FILTERS = ['any', 'auto', 'allow', 'warn', 'block'] as const;
export type UpdatePolicyFilter = (typeof UPDATE_POLICY_FILTERS)[number];

export function isUpdatePolicyFilter(value: unknown): value is UpdatePolicyFilter {
  return typeof value === 'string' && (UPDATE_POLICY_FILTERS as readonly string[]).includes(value);
}

/** Each row with only its containers under `policy`; rows left with none are dropped. */
export function filterByPolicy(rows: readonly ImageUpdate[], policy: UpdatePolicyFilter): ImageUpdate[] {
  if (policy === 'any') return [...rows];
  return rows.flatMap((row) => {
    const containers = row.containers.filter((c) => c.policy === policy);
    return containers.length === 0 ? [] : [{ ...row, containers }];
  });
}

/** Rows with something newer first (major before minor before patch before digest), then by name. */
export function filterAndSortUpdates(rows: readonly ImageUpdate[], filter: UpdateClassFilter): ImageUpdate[] {
  const rank = { major: 0, minor: 1, patch: 2, digest: 3 } as const;
  return rows
    .filter((row) => {
      const found = rowClass(row);
      if (filter === 'all') return true;
      if (filter === 'none') return found === null;
      return found === filter;
    })
    .sort((a, b) => {
      const ca = rowClass(a);
      const cb = rowClass(b);
      const ra = ca === null ? 4 : rank[ca];
      const rb = cb === null ? 4 : rank[cb];
      return ra - rb || a.image.localeCompare(b.image);
    });
}

/** What a container's badge says: its reference's update, when its own verdict or a newer tag says so. */
export type ContainerUpdateBadge = { image: string; label: string };

export function containerUpdateBadge(
  rows: readonly ImageUpdate[],
  ref: { hostId: string; containerId: string },
): ContainerUpdateBadge | null {
  for (const row of rows) {
    const container = row.containers.find(
      (c) => c.hostId === ref.hostId && c.containerId === ref.containerId,
    );
    if (!container) continue;
    const newest = row.newest.major ?? row.newest.minor ?? row.newest.patch;
    if (row.updateClass && newest) return { image: row.image, label: `Update available: ${newest}` };
    if (container.status === 'update_available') return { image: row.image, label: 'Update available' };
    return null;
  }
  return null;
}

/** Every container (`hostId/containerId`) with an update, for the fleet and host container lists. */
export function containersWithUpdates(rows: readonly ImageUpdate[]): Set<string> {
  const out = new Set<string>();
  for (const row of rows)
    for (const c of row.containers)
      if (row.updateClass || c.status === 'update_available') out.add(`${c.hostId}/${c.containerId}`);
  return out;
}
