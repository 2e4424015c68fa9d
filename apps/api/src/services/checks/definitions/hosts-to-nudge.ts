import type { Tx } from '@berth/db';
import { type CheckDefinitionRow, hostsReachedBy } from '@berth/db/queries';

/** The hosts whose gateway must push the config again after `row` changed. */
export function hostsToNudge(
  tx: Tx,
  orgId: string,
  row: Pick<CheckDefinitionRow, 'hostId' | 'groupId'>,
): Promise<string[]> {
  return hostsReachedBy(tx, { orgId, hostId: row.hostId, groupId: row.groupId });
}
