import type { Db } from './client.js';

export type PartitionChange = { operation: 'created' | 'dropped'; partition: string };

/**
 * Creates time partitions ahead and drops those past retention (a no-op under
 * TimescaleDB, whose policies do it). Safe to call from any instance at any time.
 */
export async function maintainPartitions(db: Db, at: Date = new Date()): Promise<PartitionChange[]> {
  const rows = await db.$queryRaw<{ operation: 'created' | 'dropped'; partition_name: string }[]>`
    SELECT * FROM berth_maintenance.maintain_partitions(${at})`;
  return rows.map((row) => ({ operation: row.operation, partition: row.partition_name }));
}
