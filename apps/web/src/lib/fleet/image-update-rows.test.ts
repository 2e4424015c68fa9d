import type { ImageUpdate } from '@berth/api-contract';
import { describe, expect, it } from 'vitest';
import {
  containersWithUpdates,
  containerUpdateBadge,
  filterAndSortUpdates,
  filterByPolicy,
  isUpdateClassFilter,
  rowClass,
} from './image-update-rows';

const H = '00000000-0000-4000-8000-000000000001';

function row(
  image: string,
  fields: Partial<ImageUpdate> & { statuses?: (ImageUpdate['status'] | null)[] } = {},
): ImageUpdate {
  const statuses = fields.statuses ?? ['up_to_date'];
  const containers = statuses.map((status, i) => ({
    hostId: H,
    hostName: 'edge-1',
    containerId: `${image.length}${i}`.padEnd(12, 'a'),
    name: `${image.split(':')[0]}-${i}`,
    status,
    policy: i === 0 ? ('allow' as const) : ('block' as const),
    policyReason: i === 0 ? 'no policy set: updates are allowed' : "the container's own setting (block)",
  }));
  return {
    id: `00000000-0000-4000-8000-${String(image.length).padStart(12, '0')}`,
    image,
    platform: 'linux/amd64',
    status: 'up_to_date',
    outdated: containers.filter((c) => c.status === 'update_available').length,
    updateClass: null,
    newest: { patch: null, minor: null, major: null },
    error: null,
    remoteDigest: null,
    checkedAt: null,
    nextCheckAt: '2026-12-07T10:00:00.000Z',
    rateLimit: null,
    containers,
    ...fields,
  };
}

const nginx = row('nginx:1.27', {
  updateClass: 'minor',
  newest: { patch: null, minor: '1.28', major: null },
});
const app = row('acme/app:latest', { statuses: ['update_available', 'up_to_date'] });
const redis = row('redis:7', { updateClass: 'major', newest: { patch: null, minor: null, major: '8' } });
const pg = row('postgres:16.4');

describe('image update rows', () => {
  it('classes: the newest version class, `digest` for a re-pushed tag, null when nothing is newer', () => {
    expect([nginx, app, redis, pg].map(rowClass)).toEqual(['minor', 'digest', 'major', null]);
  });

  it('filters by class and puts majors first, up-to-date last', () => {
    const all = [pg, app, nginx, redis];
    expect(filterAndSortUpdates(all, 'all').map((r) => r.image)).toEqual([
      'redis:7',
      'nginx:1.27',
      'acme/app:latest',
      'postgres:16.4',
    ]);
    expect(filterAndSortUpdates(all, 'digest').map((r) => r.image)).toEqual(['acme/app:latest']);
    expect(filterAndSortUpdates(all, 'none').map((r) => r.image)).toEqual(['postgres:16.4']);
    expect(isUpdateClassFilter('minor')).toBe(true);
    expect(isUpdateClassFilter('huge')).toBe(false);
  });

  it('policy filter keeps only the containers under that policy and drops rows left empty', () => {
    expect(filterByPolicy([app, pg], 'block').map((r) => [r.image, r.containers.length])).toEqual([
      ['acme/app:latest', 1],
    ]);
    expect(filterByPolicy([app, pg], 'allow').map((r) => r.containers.length)).toEqual([1, 1]);
    expect(filterByPolicy([app, pg], 'warn')).toEqual([]);
    expect(filterByPolicy([app, pg], 'any')).toHaveLength(2);
  });

  it('badges: a newer tag names it; a re-pushed tag only for the container that is behind', () => {
    const [behind, current] = app.containers;
    expect(containerUpdateBadge([app, nginx], { hostId: H, containerId: behind?.containerId ?? '' })).toEqual(
      {
        image: 'acme/app:latest',
        label: 'Update available',
      },
    );
    expect(containerUpdateBadge([app], { hostId: H, containerId: current?.containerId ?? '' })).toBeNull();
    expect(
      containerUpdateBadge([nginx], { hostId: H, containerId: nginx.containers[0]?.containerId ?? '' }),
    ).toEqual({ image: 'nginx:1.27', label: 'Update available: 1.28' });
    expect([...containersWithUpdates([app, nginx, pg])].sort()).toEqual(
      [`${H}/${behind?.containerId}`, `${H}/${nginx.containers[0]?.containerId}`].sort(),
    );
  });
});
