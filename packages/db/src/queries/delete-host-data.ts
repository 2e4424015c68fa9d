import type { Tx } from '../with-org.js';

// Time series reference hosts by id only (no foreign keys on partitioned tables), so they
// are deleted explicitly; the relational rows go with the host (ON DELETE CASCADE).
const HOST_SERIES = [
  'container_samples',
  'container_samples_1m',
  'container_samples_1h',
  'host_samples',
  'host_samples_1m',
  'host_samples_1h',
  'container_events',
  'container_logs',
  'check_results',
  'check_results_1m',
  'check_results_1h',
] as const;

export type DeletedHostRows = Record<(typeof HOST_SERIES)[number] | 'alerts' | 'hosts', number>;

/**
 * Deletes a host and everything recorded about it, inside the caller's transaction (all or
 * nothing). Returns how many rows each table lost; `hosts` is 0 when the host was not visible.
 */
export async function deleteHostData(tx: Tx, orgId: string, hostId: string): Promise<DeletedHostRows> {
  const counts: Partial<DeletedHostRows> = {};
  // The host row first, locked: a concurrent ingest transaction (which locks hosts FOR UPDATE)
  // then cannot add rows for it after its series are deleted.
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM hosts WHERE org_id = ${orgId}::uuid AND id = ${hostId}::uuid FOR UPDATE`;
  if (locked.length === 0) return emptyCounts();
  // By host only: the policy limits the rows to the org already. TimescaleDB 2.22 fails to plan
  // an UPDATE or DELETE on a hypertable whose WHERE also compares org_id, the column the policy
  // compares ("variable not found in subplan target list"); the host id is unique anyway.
  for (const table of HOST_SERIES) {
    counts[table] = await tx.$executeRawUnsafe(`DELETE FROM ${table} WHERE host_id = $1::uuid`, hostId);
  }
  counts.alerts =
    await tx.$executeRaw`DELETE FROM alerts WHERE org_id = ${orgId}::uuid AND host_id = ${hostId}::uuid`;
  counts.hosts =
    await tx.$executeRaw`DELETE FROM hosts WHERE org_id = ${orgId}::uuid AND id = ${hostId}::uuid`;
  return counts as DeletedHostRows;
}

function emptyCounts(): DeletedHostRows {
  return {
    container_samples: 0,
    container_samples_1m: 0,
    container_samples_1h: 0,
    host_samples: 0,
    host_samples_1m: 0,
    host_samples_1h: 0,
    container_events: 0,
    container_logs: 0,
    check_results: 0,
    check_results_1m: 0,
    check_results_1h: 0,
    alerts: 0,
    hosts: 0,
  };
}
