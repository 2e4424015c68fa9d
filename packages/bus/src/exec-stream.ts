import { z } from 'zod';
import { channels } from './names.js';
import type { Bus } from './types.js';

/**
 * Exec terminal sessions on the bus (docs/exec.md). The API socket that opened a session talks to
 * the gateway holding the host through `gatewayActions` (these kinds of `GatewayMessage`), and
 * hears back on `channels.execStream(sessionId)`. Not the agent's `exec_*` frames: the gateway has
 * validated them and passes on only what the API needs. Added to, never renamed.
 */
const base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/)
  .max(90_000);
const cells = z.int().min(1).max(1000);

export const EXEC_GATEWAY_MESSAGES = [
  z.object({
    kind: z.literal('exec_open'),
    hostId: z.uuid(),
    sessionId: z.uuid(),
    containerId: z.string().regex(/^[0-9a-f]{12}$/),
    cmd: z.array(z.string().min(1).max(4096)).min(1).max(64),
    tty: z.boolean(),
    cols: cells,
    rows: cells,
    user: z.string().min(1).max(256).optional(),
  }),
  z.object({
    kind: z.literal('exec_input'),
    hostId: z.uuid(),
    sessionId: z.uuid(),
    seq: z.int().min(1),
    data: base64,
  }),
  z.object({
    kind: z.literal('exec_resize'),
    hostId: z.uuid(),
    sessionId: z.uuid(),
    cols: cells,
    rows: cells,
  }),
  /** Also the API's keep-alive (every few seconds), so the gateway can tell a vanished API. */
  z.object({ kind: z.literal('exec_ack'), hostId: z.uuid(), sessionId: z.uuid(), consumed: z.int().min(0) }),
  z.object({
    kind: z.literal('exec_close'),
    hostId: z.uuid(),
    sessionId: z.uuid(),
    reason: z.string().max(1000),
  }),
] as const;
export type ExecGatewayMessage = z.infer<(typeof EXEC_GATEWAY_MESSAGES)[number]>;

export const ZExecStreamMessageSchema = z.discriminatedUnion('kind', [
  /** The process runs; `window` is the output credit in bytes. */
  z.object({ kind: z.literal('opened'), window: z.int().min(1) }),
  z.object({ kind: z.literal('output'), seq: z.int().min(1), data: base64 }),
  /** Refused or failed before it ran (not opted in, read-only, no such container…). */
  z.object({ kind: z.literal('error'), reason: z.string().max(1000) }),
  z.object({ kind: z.literal('closed'), reason: z.string().max(1000), exitCode: z.int().nullable() }),
]);
export type ExecStreamMessage = z.infer<typeof ZExecStreamMessageSchema>;

export function publishExecStream(bus: Bus, sessionId: string, message: ExecStreamMessage): Promise<number> {
  return bus.publish(channels.execStream(sessionId), message);
}
