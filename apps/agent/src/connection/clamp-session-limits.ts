import { LIMITS, type SessionLimits } from '@berth/protocol';

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  maxFrameBytes: LIMITS.maxFrameBytes,
  maxItemsPerBatch: LIMITS.maxItemsPerBatch,
  maxFramesPerSecond: LIMITS.maxFramesPerSecond,
  maxUnackedBatches: LIMITS.maxUnackedBatches,
};

/** A newer gateway may announce higher limits than this agent knows; the agent keeps to its own. */
export function clampSessionLimits(announced: SessionLimits): SessionLimits {
  return {
    maxFrameBytes: Math.min(announced.maxFrameBytes, LIMITS.maxFrameBytes),
    maxItemsPerBatch: Math.min(announced.maxItemsPerBatch, LIMITS.maxItemsPerBatch),
    maxFramesPerSecond: Math.min(announced.maxFramesPerSecond, LIMITS.maxFramesPerSecond),
    maxUnackedBatches: Math.min(announced.maxUnackedBatches, LIMITS.maxUnackedBatches),
  };
}
