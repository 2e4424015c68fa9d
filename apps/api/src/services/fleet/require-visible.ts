import type { Tx } from '@berth/db';
import { containerExists, type HostScope } from '@berth/db/queries';
import { AppError } from '@berth/http';
import { assertInScope } from './find-host.js';

/** 404 unless the host exists in the org (RLS hides others') and is within the caller's scope. */
export async function requireVisibleHost(
  tx: Tx,
  orgId: string,
  scope: HostScope,
  hostId: string,
): Promise<void> {
  assertInScope(scope, hostId);
  const host = await tx.host.findFirst({ where: { id: hostId, orgId }, select: { id: true } });
  if (!host) throw new AppError('not_found', 'no such host');
}

/** 404 unless the container (removed ones included) exists on a visible host. */
export async function requireVisibleContainer(
  tx: Tx,
  target: { orgId: string; scope: HostScope; hostId: string; containerId: string },
): Promise<void> {
  if (!(await containerExists(tx, target))) throw new AppError('not_found', 'no such container');
}
