import type { Queryable } from './queryable.js';

/**
 * `created`/`dropped`: a native partition, or (dropped only) a TimescaleDB chunk past retention;
 * `protected`: a chunk that a GRANT on its hypertable had opened to other roles, closed again.
 */
export type PartitionChange = { operation: 'created' | 'dropped' | 'protected'; partition: string };

/**
 * Creates time partitions ahead and drops those past retention. Under TimescaleDB, chunks
 * are created on insert; this drops expired ones with drop_chunks wherever the edition runs
 * no retention policy (the Apache-2 edition has none). Safe to call from any instance at any time.
 */
export async function maintainPartitions(db: Queryable, at: Date = new Date()): Promise<PartitionChange[]> {
  const { rows } = await db.query<{ operation: PartitionChange['operation']; partition_name: string }>(
    'SELECT * FROM berth_maintenance.maintain_partitions($1)',
    [at],
  );
  return rows.map((row) => ({ operation: row.operation, partition: row.partition_name }));
}

/**
 * ANALYZEs each time partition (or chunk) never analyzed that has at least `minRows` changed
 * rows (berth_maintenance.analyze_new_partitions): a new day's partition is planned without
 * statistics until then, which sends reads by host through the organisation's whole window.
 * Returns the partitions analyzed. Safe to call from any instance at any time.
 */
export async function analyzeNewPartitions(db: Queryable, minRows = 50): Promise<string[]> {
  const { rows } = await db.query<{ partition_name: string }>(
    'SELECT partition_name FROM berth_maintenance.analyze_new_partitions($1)',
    [minRows],
  );
  return rows.map((row) => row.partition_name);
}
