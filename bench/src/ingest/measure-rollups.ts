import { rollUpDirtyMinutes } from '@berth/db';
import type { TestDatabase } from '@berth/db/testing';
import { startPerfPhase } from '../shared/perf-profile.js';
import { openCpuWindow } from '../shared/sample-cpu.js';

export type RollupCost = { minutes: number; seconds: number; pgCpuPerRow: number };

/**
 * The rollups of the streamed rows, which the gateway no longer writes in its ingest
 * transactions: the rollup job runs to completion once the stream has ended (every marked
 * minute, the open ones included: the bench stamps batches up to minutes ahead), and its
 * PostgreSQL CPU is charged to the ingested rows, so db_ratio compares the whole write cost.
 */
export async function measureRollups(database: TestDatabase, rows: number): Promise<RollupCost> {
  const perf = await startPerfPhase('rollups');
  const cpu = openCpuWindow(database.adminUrl);
  const started = performance.now();
  const run = await rollUpDirtyMinutes(database.pool, { settledBefore: new Date(Date.now() + 86_400_000) });
  const seconds = (performance.now() - started) / 1000;
  const used = cpu.finish(rows);
  console.log(
    `  rollup job: ${run.minutes} host-minutes of ${run.orgs} orgs in ${seconds.toFixed(2)} s; CPU: ${used.text}`,
  );
  await perf.finish(rows);
  return { minutes: run.minutes, seconds, pgCpuPerRow: used.pgPerUnit };
}
