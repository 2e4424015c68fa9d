import * as z from 'zod/mini';
import { LIMITS } from '../limits.js';
import { boundedInt, boundedText, ZCountSchema } from './primitives.js';

/** Either direction. `ts` is the sender's clock in epoch milliseconds; the peer echoes it. */
export const ZPingFrameSchema = z.object({
  type: z.literal('ping'),
  ts: ZCountSchema,
});
export type PingFrame = z.infer<typeof ZPingFrameSchema>;

/** Either direction: the `ts` of the ping being answered, so the sender measures round-trip time. */
export const ZPongFrameSchema = z.object({
  type: z.literal('pong'),
  ts: ZCountSchema,
});
export type PongFrame = z.infer<typeof ZPongFrameSchema>;

/**
 * gateway→agent, just before a close, so the agent can log why. Any 4xxx/1xxx code is accepted
 * so that a code added later does not make the explanation itself unreadable.
 */
export const ZErrorFrameSchema = z.object({
  type: z.literal('error'),
  code: boundedInt(1000, 4999),
  message: boundedText(LIMITS.maxErrorMessageBytes),
});
export type ErrorFrame = z.infer<typeof ZErrorFrameSchema>;
