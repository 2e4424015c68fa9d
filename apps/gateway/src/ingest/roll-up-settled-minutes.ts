import { type RollupRun, rollUpDirtyMinutes } from '@berth/db/sql';
import type { GatewayContext } from '../context.js';

/**
 * One run of the rollup job on the gateway's own pool (not the ingest writer's connections,
 * which stay free for batches). Other gateways may run it at the same time: claims skip each
 * other in SQL, so the work divides rather than repeats.
 */
export async function rollUpSettledMinutes(ctx: GatewayContext): Promise<RollupRun> {
  const started = performance.now();
  const run = await rollUpDirtyMinutes(ctx.db);
  if (run.minutes > 0) {
    ctx.log.debug({ ...run, ms: Math.round(performance.now() - started) }, 'minutes rolled up');
  }
  return run;
}
