import { z } from 'zod';
import { pageSchema } from './paging.js';
import { ZIsoDateSchema, ZUuidSchema } from './primitives.js';

/**
 * Exec terminals (docs/exec.md): `POST …/containers/:containerId/exec-sessions` grants a session
 * and answers a one-time ticket; the browser then opens the WebSocket at `socketPath`, offering
 * the subprotocols `berth.exec.v1` and `ticket.<ticket>` (a ticket in the URL would end up in
 * proxy logs). The socket carries `ExecClientMessage`s up and `ExecServerMessage`s down.
 */

/** Raw bytes per input message (a paste); output travels base64 in chunks of at most 64 KiB. */
export const MAX_EXEC_INPUT_BYTES = 64 * 1024;
export const EXEC_SOCKET_PROTOCOL = 'berth.exec.v1';
export const EXEC_TICKET_PROTOCOL_PREFIX = 'ticket.';

const cells = z.int().min(1).max(1000);

export const ZExecSessionRequestSchema = z.object({
  /** argv; default `/bin/sh`. No shell parsing: `["/bin/sh", "-c", "…"]` for a pipeline. */
  cmd: z
    .array(z.string().min(1, 'an argument must not be empty').max(4096))
    .min(1)
    .max(64)
    .default(['/bin/sh']),
  cols: cells.default(80),
  rows: cells.default(24),
  /** Docker's `User` (`name`, `uid`, `uid:gid`); absent: the container's own. */
  user: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}(?::[A-Za-z0-9_.-]{1,64})?$/, 'expected name, uid or uid:gid')
    .optional(),
});
export type ExecSessionRequest = z.infer<typeof ZExecSessionRequestSchema>;

export const EXEC_SESSION_STATUSES = ['pending', 'open', 'ended'] as const;

export const ZExecSessionSchema = z.object({
  id: ZUuidSchema,
  hostId: ZUuidSchema,
  containerId: z.string(),
  containerName: z.string(),
  userId: ZUuidSchema,
  userEmail: z.string(),
  command: z.array(z.string()),
  status: z.enum(EXEC_SESSION_STATUSES),
  createdAt: ZIsoDateSchema,
  startedAt: ZIsoDateSchema.nullable(),
  endedAt: ZIsoDateSchema.nullable(),
  endReason: z.string().nullable(),
  exitCode: z.int().nullable(),
  /** Bytes typed (to the process) and shown (from it). */
  bytesIn: z.int(),
  bytesOut: z.int(),
  /** A transcript was recorded; `GET /api/v1/exec-sessions/:id/transcript` downloads it. */
  recorded: z.boolean(),
  transcriptTruncated: z.boolean(),
});
export type ExecSession = z.infer<typeof ZExecSessionSchema>;
export const ZExecSessionPageSchema = pageSchema(ZExecSessionSchema);

export const ZExecSessionGrantSchema = z.object({
  session: ZExecSessionSchema,
  /** Path of the WebSocket on the API (`/api/v1/exec-sessions/:id/socket`). */
  socketPath: z.string(),
  /** Single use, valid for `ticketTtlS` seconds. */
  ticket: z.string(),
  ticketTtlS: z.int(),
  idleTimeoutS: z.int(),
  maxDurationS: z.int(),
});
export type ExecSessionGrant = z.infer<typeof ZExecSessionGrantSchema>;

export const ZExecSessionParamsSchema = z.object({ sessionId: ZUuidSchema });
export const ZExecSessionListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(1000).optional(),
  hostId: ZUuidSchema.optional(),
});

/** Limits an org may set; the server's own (EXEC_IDLE_TIMEOUT_S, EXEC_MAX_DURATION_S) cap them. */
export const EXEC_IDLE_TIMEOUT_RANGE_S = { min: 30, max: 86_400 } as const;
export const EXEC_MAX_DURATION_RANGE_S = { min: 60, max: 604_800 } as const;

/** The org's exec switches (admins change them). */
export const ZExecSettingsSchema = z.object({
  /** Operators may open terminals (admins and owners always may; viewers never). */
  operatorsAllowed: z.boolean(),
  /** Output is recorded (up to 5 MiB a session) for download. */
  recordTranscripts: z.boolean(),
  /** Seconds without input before a terminal closes; null: the server's limit. Never above it. */
  idleTimeoutS: z.int().min(EXEC_IDLE_TIMEOUT_RANGE_S.min).max(EXEC_IDLE_TIMEOUT_RANGE_S.max).nullable(),
  /** Longest a terminal stays open, in seconds; null: the server's limit. Never above it. */
  maxDurationS: z.int().min(EXEC_MAX_DURATION_RANGE_S.min).max(EXEC_MAX_DURATION_RANGE_S.max).nullable(),
  /** The server's limits (read only): what null means, and the most an org may set. */
  serverLimits: z.object({ idleTimeoutS: z.int(), maxDurationS: z.int() }),
});
export type ExecSettings = z.infer<typeof ZExecSettingsSchema>;
export const ZExecSettingsUpdateSchema = ZExecSettingsSchema.omit({ serverLimits: true }).partial().strict();
export type ExecSettingsUpdate = z.infer<typeof ZExecSettingsUpdateSchema>;

/** Why a session ended when Berth, not the process or a person, ended it. */
export const EXEC_END_REASON_CODES = {
  /** Granted, but the browser never opened the socket before the ticket expired. */
  ticket_expired: 'the terminal never connected (its ticket expired)',
  /** The API relaying it stopped (crash, kill, restart); what it recorded is kept. */
  api_restart: 'the API relaying the terminal stopped; output recorded until then is kept',
} as const;

/** Browser → API on the socket. `ack.consumed`: total output bytes written to the terminal. */
export const ZExecClientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('input'), data: z.string().min(1).max(MAX_EXEC_INPUT_BYTES) }),
  z.object({ type: z.literal('resize'), cols: cells, rows: cells }),
  z.object({ type: z.literal('ack'), consumed: z.int().min(0) }),
]);
export type ExecClientMessage = z.infer<typeof ZExecClientMessageSchema>;

/** API → browser on the socket. `output.data` is base64 (a terminal's output is bytes). */
export const ZExecServerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('opened'), idleTimeoutS: z.int(), maxDurationS: z.int() }),
  z.object({ type: z.literal('output'), data: z.string() }),
  z.object({ type: z.literal('error'), reason: z.string() }),
  z.object({ type: z.literal('closed'), reason: z.string(), exitCode: z.int().nullable() }),
]);
export type ExecServerMessage = z.infer<typeof ZExecServerMessageSchema>;

/** A transcript download: the raw bytes the terminal received (`application/octet-stream`). */
export const ZExecTranscriptSchema = z.string().meta({ format: 'binary' });
