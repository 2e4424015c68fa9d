import type { Logger } from '../cli/logger.js';
import type { Drained } from '../collectors/index.js';
import type { BatchContent } from './batch-source.js';

/**
 * The collectors' drain as batch content. What the collectors had to drop (bounded
 * buffers) or may have missed (an events gap) is logged here; the full inventory that
 * follows an events gap is already part of `drained`.
 */
export function drainedToBatch(drained: Drained, log: Logger): BatchContent {
  const dropped = Object.entries(drained.dropped).filter(([, count]) => count > 0);
  if (dropped.length > 0)
    log.warn({ dropped: Object.fromEntries(dropped) }, 'collector buffers were full: oldest items dropped');
  for (const gap of drained.eventsGaps)
    log.warn({ gap }, 'docker events may have been missed; full inventory sent');
  return {
    containerSamples: drained.containerSamples,
    hostSamples: drained.hostSamples,
    ...(drained.inventory ? { inventory: drained.inventory } : {}),
    events: drained.events,
    logs: drained.logs,
    health: [],
  };
}
