import type { AgentFrame, GatewayFrame } from './schemas/frames.js';

/**
 * Serialises a frame as JSON text. It does not validate (that would double the cost on the hot
 * path); the agent validates a batch with `ZBatchFrameSchema` once, before it spools it, because
 * a batch the gateway refuses would otherwise be re-sent and refused forever.
 */
export function encodeFrame(frame: AgentFrame | GatewayFrame): string {
  return JSON.stringify(frame);
}
