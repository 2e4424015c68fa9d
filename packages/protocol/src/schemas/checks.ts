import * as z from 'zod/mini';
import {
  boundedInt,
  boundedRecord,
  boundedText,
  ZShortContainerIdSchema,
  ZTimestampSchema,
  ZUuidSchema,
} from './primitives.js';

/**
 * Health checks the agent runs next to the containers (issue 16): what the gateway pushes
 * (`ZCheckSpecSchema`, versioned) and what the agent reports (`ZCheckResultSchema`, one per
 * run, in its batches like every other row). A check follows a container by name: its target
 * may be templated on the container (`{{ip}}`, `{{port:8080}}`), rendered at every run, so a
 * recreated container with a new id or address is still the one checked.
 */

export const CHECK_KINDS = ['http', 'tcp'] as const;
export const ZCheckKindSchema = z.enum(CHECK_KINDS);
export type CheckKind = z.infer<typeof ZCheckKindSchema>;

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS'] as const;

/** `contains` / `absent`: literal text; `regex`: a JavaScript regular expression. */
export const ZKeywordMatchSchema = z.object({
  mode: z.enum(['contains', 'absent', 'regex']),
  value: boundedText(500, 1),
  caseSensitive: z.boolean(),
});
export type KeywordMatch = z.infer<typeof ZKeywordMatchSchema>;

export const ZCheckSpecSchema = z.object({
  id: ZUuidSchema,
  /** Bumped by the server on every change; the agent acknowledges the version it applied. */
  version: boundedInt(1),
  kind: ZCheckKindSchema,
  /**
   * http: a URL (`http://{{ip}}:{{port:8080}}/health`); tcp: `host:port` (`{{ip}}:5432`).
   * Placeholders: `{{ip}}` the container's address on its first network, `{{port:N}}` the
   * host port published for its port N when the address is the host's, else N.
   */
  target: boundedText(2048, 1),
  /** The container whose address fills the placeholders; absent: a plain target. */
  containerName: z.optional(boundedText(256, 1)),
  intervalS: boundedInt(10, 86_400),
  timeoutMs: boundedInt(100, 60_000),
  /** Consecutive failures before the check reports `down` (0: the first failure). */
  retries: boundedInt(0, 10),
  http: z.optional(
    z.object({
      method: z.enum(HTTP_METHODS),
      headers: boundedRecord(20, 256, 4096),
      /** Inclusive range of statuses that count as up. */
      expectStatus: z.object({ min: boundedInt(100, 599), max: boundedInt(100, 599) }),
      keyword: z.optional(ZKeywordMatchSchema),
      /** Slower than this is `slow` (still up). */
      maxLatencyMs: z.optional(boundedInt(1, 60_000)),
      followRedirects: z.boolean(),
      skipTlsVerify: z.boolean(),
      /** Warn this many days before the server certificate expires (0: never). */
      certExpiryWarnDays: boundedInt(0, 365),
    }),
  ),
});
export type CheckSpec = z.infer<typeof ZCheckSpecSchema>;

/** up: passed; pending: failing, fewer than `retries` times in a row; down: failed `retries + 1` times. */
export const CHECK_STATUSES = ['up', 'pending', 'down'] as const;
export const ZCheckStatusSchema = z.enum(CHECK_STATUSES);
export type CheckStatus = z.infer<typeof ZCheckStatusSchema>;

export const ZCheckResultSchema = z.object({
  checkId: ZUuidSchema,
  /** The spec version the run used. */
  version: boundedInt(1),
  at: ZTimestampSchema,
  status: ZCheckStatusSchema,
  /** Wall time of the attempt (to the response head for HTTP, to connect for TCP). */
  latencyMs: boundedInt(0, 3_600_000),
  /** Up, but slower than `maxLatencyMs`. */
  slow: z.boolean(),
  statusCode: z.optional(boundedInt(100, 599)),
  /** What failed, for people: "connection refused", "status 503 not in 200–299", … */
  error: z.optional(boundedText(1000)),
  /** The server certificate's notAfter (HTTPS), when one was seen. */
  certExpiresAt: z.optional(ZTimestampSchema),
  /** The certificate expires within `certExpiryWarnDays`. */
  certExpiring: z.boolean(),
  /** What the placeholders rendered to (so the console can show what was probed). */
  renderedTarget: boundedText(2048),
});
export type CheckResult = z.infer<typeof ZCheckResultSchema>;

/**
 * A check's name on its container: `default` for `berth.check.http=…`, `<name>` for
 * `berth.check.<name>.http=…` (docs/checks.md). Lowercase, like compose service names.
 */
export const ZCheckNameSchema = z
  .string()
  .check(
    z.regex(
      /^[a-z0-9][a-z0-9_-]{0,62}$/,
      'expected a check name: lowercase letters, digits, "-" and "_", at most 63, starting with a letter or digit',
    ),
  );

/**
 * One run of a check defined by a container's `berth.check.*` labels, as it travels in a batch's
 * `checkResults`. Such a check has no server id: it is the container's (by name, so it follows a
 * recreated container) and its name; the gateway derives the stored check id from the host, the
 * container name and the check name. Labels that do not parse are reported the same way, as a
 * `down` result whose error names the label, so a typo shows up where the check would.
 */
export const ZContainerCheckResultSchema = z.object({
  containerName: boundedText(256, 1),
  /** The container the run found under that name; absent when none was (gone, or bad labels). */
  containerId: z.optional(ZShortContainerIdSchema),
  name: ZCheckNameSchema,
  /** Absent only for labels so broken that no kind could be read. */
  kind: z.optional(ZCheckKindSchema),
  ts: ZTimestampSchema,
  status: ZCheckStatusSchema,
  latencyMs: boundedInt(0, 3_600_000),
  slow: z.boolean(),
  statusCode: z.optional(boundedInt(100, 599)),
  error: z.optional(boundedText(1000)),
  certExpiresAt: z.optional(ZTimestampSchema),
  certExpiring: z.boolean(),
  /** What was probed, placeholders filled ("" when nothing was). */
  target: boundedText(2048),
});
export type ContainerCheckResult = z.infer<typeof ZContainerCheckResultSchema>;
