import type { Tx } from '@berth/db';
import { getHost, type HostRow, type HostScope } from '@berth/db/queries';
import { AppError } from '@berth/http';

/** A host of the caller's organisation that the caller may see, else 404 (other orgs' hosts look absent). */
export async function findHostOrThrow(
  tx: Tx,
  orgId: string,
  scope: HostScope,
  hostId: string,
): Promise<HostRow> {
  const host = await getHost(tx, { orgId, scope, hostId });
  if (!host) throw new AppError('not_found', 'no such host');
  return host;
}

/** The same check for a write: the host must exist and be within the caller's scope. */
export function assertInScope(scope: HostScope, hostId: string): void {
  if (scope !== null && !scope.includes(hostId)) throw new AppError('not_found', 'no such host');
}
