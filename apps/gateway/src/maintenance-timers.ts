import { analyzeNewPartitions, maintainPartitions } from '@berth/db/sql';
import { expireActions } from './actions/expire-actions.js';
import type { GatewayContext } from './context.js';
import { rollUpSettledMinutes } from './ingest/roll-up-settled-minutes.js';
import { sweepStaleHosts } from './presence/host-presence.js';

const HOUR = 3_600_000;
const DEFAULT_ROLLUP_MS = 10_000;
/**
 * How often never-analyzed partitions with rows are analyzed (a new day's partition at
 * midnight): a catalog query when there is nothing to do.
 */
const ANALYZE_NEW_MS = 15_000;

/**
 * Periodic chores every gateway runs (they are idempotent and serialised in SQL):
 * hosts silent for three intervals go offline; actions past their deadline time out;
 * partitions are created ahead / expired, and analyzed once they have rows (until then reads by
 * host are planned without statistics: docs/benchmarks.md); settled minutes are rolled up.
 */
export function startMaintenanceTimers(ctx: GatewayContext): () => void {
  const staleAfter = ctx.settings.batchMs * 3;
  const sweep = setInterval(() => {
    sweepStaleHosts(ctx, staleAfter).then(
      (count) => count > 0 && ctx.log.info({ count }, 'hosts marked offline (no batch for 3 intervals)'),
      (error: unknown) => ctx.log.warn({ err: error }, 'stale-host sweep failed'),
    );
  }, ctx.settings.batchMs);
  const expiry = setInterval(() => {
    expireActions(ctx, 30_000).catch((error: unknown) =>
      ctx.log.warn({ err: error }, 'action expiry sweep failed'),
    );
  }, 2000);
  const partitions = () =>
    maintainPartitions(ctx.db).then(
      (changes) => changes.length > 0 && ctx.log.info({ changes }, 'partitions maintained'),
      (error: unknown) => ctx.log.warn({ err: error }, 'partition maintenance failed'),
    );
  void partitions();
  const hourly = setInterval(() => void partitions(), HOUR);
  const analyze = setInterval(() => {
    analyzeNewPartitions(ctx.db).then(
      (analyzed) => analyzed.length > 0 && ctx.log.info({ analyzed }, 'new partitions analyzed'),
      (error: unknown) => ctx.log.warn({ err: error }, 'analyzing new partitions failed'),
    );
  }, ANALYZE_NEW_MS);
  const stopRollups = startRollupTimer(ctx, ctx.settings.rollupMs ?? DEFAULT_ROLLUP_MS);
  sweep.unref();
  hourly.unref();
  analyze.unref();
  expiry.unref();
  return () => {
    clearInterval(expiry);
    clearInterval(sweep);
    clearInterval(hourly);
    clearInterval(analyze);
    stopRollups();
  };
}

/** The rollup job every `intervalMs`, one run at a time in this process (runs can outlast it). */
function startRollupTimer(ctx: GatewayContext, intervalMs: number): () => void {
  if (intervalMs <= 0) return () => undefined;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    rollUpSettledMinutes(ctx)
      .catch((error: unknown) => ctx.log.warn({ err: error }, 'rollup job failed'))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
