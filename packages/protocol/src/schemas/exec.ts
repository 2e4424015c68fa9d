import * as z from 'zod/mini';
import { LIMITS } from '../limits.js';
import {
  boundedInt,
  boundedText,
  ZContainerRefSchema,
  ZCountSchema,
  ZExitCodeSchema,
  ZUuidSchema,
} from './primitives.js';

/**
 * Exec terminal frames (docs/exec.md). A session is one `docker exec` on the agent's host,
 * relayed over the agent's socket. gateway→agent frames go only to agents that advertise the
 * `exec` capability; agent→gateway frames only answer an `exec_open`.
 *
 * Data travels base64-encoded (a terminal's output is bytes, not always valid UTF-8). Output is
 * credit-based: the agent may have at most `exec_opened.window` bytes sent and not yet covered
 * by an `exec_ack`, and stops reading the container's stream until acks come back — a `yes` in
 * the container cannot flood the gateway or the browser.
 */

/** Most raw bytes carried by one `exec_stdin` / `exec_stdout` frame (before base64). */
export const MAX_EXEC_CHUNK_BYTES = 64 * 1024;
/** The largest credit window an agent may announce; acks past what was sent are refused. */
export const MAX_EXEC_WINDOW_BYTES = 4 * 1024 * 1024;

/** Base64 of at most `maxBytes` raw bytes (padded, standard alphabet). */
function base64Chunk(maxBytes: number) {
  const maxChars = Math.ceil(maxBytes / 3) * 4;
  return z
    .string()
    .check(
      z.maxLength(maxChars, { error: `expected at most ${maxBytes} bytes (base64)`, abort: true }),
      z.regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'expected base64'),
    );
}

export const ZExecDataSchema = base64Chunk(MAX_EXEC_CHUNK_BYTES);

/** Terminal size in character cells. */
export const ZTerminalColsSchema = boundedInt(1, 1000);
export const ZTerminalRowsSchema = boundedInt(1, 1000);

/** gateway→agent: start `cmd` in the container. */
export const ZExecOpenFrameSchema = z.object({
  type: z.literal('exec_open'),
  sessionId: ZUuidSchema,
  containerId: ZContainerRefSchema,
  /** argv, e.g. ["/bin/sh"]; no shell parsing happens on the agent. */
  cmd: z.array(boundedText(4096, 1)).check(z.minLength(1), z.maxLength(64)),
  /** With a TTY the container's output is one raw stream; without, Docker multiplexes stdout/stderr. */
  tty: z.boolean(),
  cols: ZTerminalColsSchema,
  rows: ZTerminalRowsSchema,
  /** Docker's `User` (`name`, `uid`, `uid:gid`); absent means the container's user. */
  user: z.optional(boundedText(256, 1)),
});
export type ExecOpenFrame = z.infer<typeof ZExecOpenFrameSchema>;

/** agent→gateway: the process started; `window` is the credit (bytes) before the first ack. */
export const ZExecOpenedFrameSchema = z.object({
  type: z.literal('exec_opened'),
  sessionId: ZUuidSchema,
  window: boundedInt(1, MAX_EXEC_WINDOW_BYTES),
});
export type ExecOpenedFrame = z.infer<typeof ZExecOpenedFrameSchema>;

/** agent→gateway: the session was refused or could not start (never followed by more frames). */
export const ZExecErrorFrameSchema = z.object({
  type: z.literal('exec_error'),
  sessionId: ZUuidSchema,
  reason: boundedText(LIMITS.maxErrorMessageBytes, 1),
});
export type ExecErrorFrame = z.infer<typeof ZExecErrorFrameSchema>;

/** gateway→agent: keystrokes. `seq` counts from 1 per session; a gap or repeat is dropped by the agent. */
export const ZExecStdinFrameSchema = z.object({
  type: z.literal('exec_stdin'),
  sessionId: ZUuidSchema,
  seq: boundedInt(1),
  data: ZExecDataSchema,
});
export type ExecStdinFrame = z.infer<typeof ZExecStdinFrameSchema>;

/** agent→gateway: container output. `seq` counts from 1 per session. */
export const ZExecStdoutFrameSchema = z.object({
  type: z.literal('exec_stdout'),
  sessionId: ZUuidSchema,
  seq: boundedInt(1),
  data: ZExecDataSchema,
});
export type ExecStdoutFrame = z.infer<typeof ZExecStdoutFrameSchema>;

/** gateway→agent: the browser's terminal changed size. */
export const ZExecResizeFrameSchema = z.object({
  type: z.literal('exec_resize'),
  sessionId: ZUuidSchema,
  cols: ZTerminalColsSchema,
  rows: ZTerminalRowsSchema,
});
export type ExecResizeFrame = z.infer<typeof ZExecResizeFrameSchema>;

/**
 * gateway→agent: `consumed` is the total output bytes (raw, before base64) the far end has
 * taken since the session opened — cumulative, so a lost or repeated ack does no harm.
 */
export const ZExecAckFrameSchema = z.object({
  type: z.literal('exec_ack'),
  sessionId: ZUuidSchema,
  consumed: ZCountSchema,
});
export type ExecAckFrame = z.infer<typeof ZExecAckFrameSchema>;

/**
 * Either direction. gateway→agent: end the session (the browser left, an idle timeout); the
 * agent hangs up the exec's stream (a shell on a TTY sees its terminal go) and answers with its own `exec_close`.
 * agent→gateway: the session is over; `exitCode` is the process's when known.
 */
export const ZExecCloseFrameSchema = z.object({
  type: z.literal('exec_close'),
  sessionId: ZUuidSchema,
  reason: boundedText(LIMITS.maxErrorMessageBytes),
  exitCode: z.optional(z.nullable(ZExitCodeSchema)),
});
export type ExecCloseFrame = z.infer<typeof ZExecCloseFrameSchema>;
