import { type Role, withOrg } from '@berth/db';
import { type SeededOrg, seedOrg } from '@berth/db/testing';
import type { TestApi } from './api-harness.js';

/** A seeded organisation (a user of `role`, a host) whose host runs one container `shortId`. */
export async function orgWithContainer(
  harness: TestApi,
  shortId: string,
  role: Role = 'owner',
): Promise<SeededOrg> {
  const org = await seedOrg(harness.database.db, { role });
  await withOrg(harness.database.db, org.orgId, (tx) =>
    tx.container.create({
      data: {
        hostId: org.hostId,
        shortId,
        orgId: org.orgId,
        dockerId: shortId.padEnd(64, '0'),
        name: 'web',
        image: 'busybox',
        imageId: 'sha256:1',
        state: 'running',
        createdAt: new Date(),
      },
    }),
  );
  return org;
}
