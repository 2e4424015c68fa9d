import * as z from 'zod/mini';
import { LIMITS } from '../limits.js';
import { PROTOCOL_VERSION } from '../version.js';
import {
  boundedInt,
  boundedText,
  ZCountSchema,
  ZSemverSchema,
  ZTimestampSchema,
  ZUuidSchema,
} from './primitives.js';

/**
 * `exec`: the agent was started with `--allow-exec` and serves `exec_open` (never with `read_only`).
 * `check_config`: the agent applies and acks `config` frames (checks defined in the console).
 * `image_check`: it answers `image_check` frames (issue 17, docs/image-updates.md).
 * `container_update`: the agent runs `container.update` and reports its steps in `action_progress`.
 */
export const CAPABILITIES = [
  'actions',
  'logs',
  'live_logs',
  'self_update',
  'read_only',
  'exec',
  'check_config',
  'image_check',
  'container_update',
] as const;
export const ZCapabilitySchema = z.enum(CAPABILITIES);
export type Capability = z.infer<typeof ZCapabilitySchema>;

/**
 * `json`: every frame as JSON text, samples as objects. `columnar`: JSON too, but a batch may carry
 * its container samples as columns (`containerSampleColumns`, issue 20).
 */
export const ENCODINGS = ['json', 'columnar'] as const;
export const ZEncodingSchema = z.enum(ENCODINGS);
export type Encoding = z.infer<typeof ZEncodingSchema>;

/**
 * A list of names where values this version does not know are dropped rather than refused, so a
 * newer agent can offer a capability or encoding to an older gateway (that is what offering means).
 */
function tolerantList<const T extends readonly [string, ...string[]]>(known: T) {
  const names = new Set<string>(known);
  return z.pipe(
    z.array(z.string().check(z.maxLength(64))).check(z.maxLength(LIMITS.maxHelloListEntries)),
    z.transform((values: string[]) => values.filter((value): value is T[number] => names.has(value))),
  );
}

export const ZHostFactsSchema = z.object({
  hostname: boundedText(255, 1),
  /** e.g. "Debian GNU/Linux 12 (bookworm)" */
  os: boundedText(256),
  kernel: boundedText(256),
  /** Node's `process.arch` or `uname -m`. */
  arch: boundedText(64),
  cpus: boundedInt(1, 65_536),
  /** Bytes. */
  memTotal: ZCountSchema,
  /** Null when the Docker engine was unreachable at connect time. */
  dockerVersion: z.nullable(boundedText(64)),
  /** /etc/machine-id, to recognise a host that was re-enrolled. */
  machineId: z.optional(boundedText(128)),
});
export type HostFacts = z.infer<typeof ZHostFactsSchema>;

/** agent→gateway, first frame on every connection. */
export const ZHelloFrameSchema = z.object({
  type: z.literal('hello'),
  protocol: z.literal(PROTOCOL_VERSION),
  agentVersion: ZSemverSchema,
  host: ZHostFactsSchema,
  /** `read_only`: the operator disabled actions; the gateway must not send any. */
  capabilities: tolerantList(CAPABILITIES),
  /** Encodings the agent can read and write, in preference order. Absent means JSON only. */
  encodings: z.optional(tolerantList(ENCODINGS)),
  /** Highest seq the agent has seen acked; 0 = none. */
  lastAckedSeq: ZCountSchema,
});
export type HelloFrame = z.infer<typeof ZHelloFrameSchema>;

export const ZIntervalsSchema = z.object({
  batchMs: boundedInt(100, 3_600_000),
  pingMs: boundedInt(1_000, 300_000),
});
export type Intervals = z.infer<typeof ZIntervalsSchema>;

/** No upper bounds: a later gateway may raise a limit and an older agent clamps to its own. */
export const ZSessionLimitsSchema = z.object({
  maxFrameBytes: boundedInt(1),
  maxItemsPerBatch: boundedInt(1),
  maxFramesPerSecond: boundedInt(1),
  maxUnackedBatches: boundedInt(1),
});
export type SessionLimits = z.infer<typeof ZSessionLimitsSchema>;

/** gateway→agent, the answer to a valid `hello`. */
export const ZWelcomeFrameSchema = z.object({
  type: z.literal('welcome'),
  hostId: ZUuidSchema,
  serverTime: ZTimestampSchema,
  intervals: ZIntervalsSchema,
  limits: ZSessionLimitsSchema,
  /** Last seq committed for this host (0 = none); the agent continues after it. */
  resumeFromSeq: ZCountSchema,
  /** The agent version this gateway wants hosts on (for `self_update`). */
  currentAgentVersion: ZSemverSchema,
  /**
   * Encodings this gateway accepts on this connection, among those the hello offered. Added
   * within v1: absent (an older gateway) means `json` only, and the agent sends nothing else.
   */
  encodings: z.optional(tolerantList(ENCODINGS)),
});
export type WelcomeFrame = z.infer<typeof ZWelcomeFrameSchema>;
