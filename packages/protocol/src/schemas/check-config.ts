import * as z from 'zod/mini';
import { ZCheckNameSchema, ZCheckSpecSchema } from './checks.js';
import { boundedInt, boundedText } from './primitives.js';

/**
 * Checks defined in the API / console, pushed by the gateway to the agent of each host they
 * reach (docs/checks.md, docs/protocol.md). Sent only to agents with the `check_config`
 * capability: on every welcome, and again whenever the host's config version moves.
 */

/** One check to run: a container (by name) and the check's name, with its spec. */
export const ZConfiguredCheckSchema = z.extend(ZCheckSpecSchema, {
  containerName: boundedText(256, 1),
  /** Results are reported under this name on the container, as a label check's are. */
  name: ZCheckNameSchema,
});
export type ConfiguredCheck = z.infer<typeof ZConfiguredCheckSchema>;

/**
 * A container's auto-restart policy defined in the console (docs/autoheal.md): the agent uses it
 * for a container that has no `berth.autoheal*` labels (labels win). Limits are the labels'.
 */
export const ZConfiguredAutohealSchema = z.object({
  containerName: boundedText(256, 1),
  mode: z.enum(['on-failure', 'unhealthy', 'off']),
  maxAttempts: boundedInt(1, 100),
  windowMs: boundedInt(1000, 86_400_000),
  backoffMs: boundedInt(1000, 3_600_000),
  backoffMaxMs: boundedInt(1000, 86_400_000),
});
export type ConfiguredAutoheal = z.infer<typeof ZConfiguredAutohealSchema>;

/** More than this many configured checks on one host is a mistake, not a configuration. */
export const MAX_CONFIGURED_CHECKS = 2000;

/**
 * gateway→agent: every console-defined check this host runs now (what is not listed stops), at
 * the host's config version. The agent applies it, persists it, and answers `config_ack`.
 */
export const ZConfigFrameSchema = z.object({
  type: z.literal('config'),
  /** The host's config version (0: nothing was ever defined for it). */
  version: boundedInt(0),
  checks: z.array(ZConfiguredCheckSchema).check(z.maxLength(MAX_CONFIGURED_CHECKS)),
  /** Auto-restart policies by container name (absent: none; older gateways never send it). */
  autoheal: z.optional(z.array(ZConfiguredAutohealSchema).check(z.maxLength(MAX_CONFIGURED_CHECKS))),
});
export type ConfigFrame = z.infer<typeof ZConfigFrameSchema>;

/** agent→gateway: the config version it applied and persisted (only in reply to `config`). */
export const ZConfigAckFrameSchema = z.object({
  type: z.literal('config_ack'),
  version: boundedInt(0),
});
export type ConfigAckFrame = z.infer<typeof ZConfigAckFrameSchema>;
