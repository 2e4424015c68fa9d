import * as z from 'zod/mini';
import '../configure-messages.js';
import { fitsUtf8Bytes } from '../utf8-byte-length.js';

/** Docker's short container id: the first 12 hex digits of the full id, lowercase as Docker prints it. */
export const SHORT_CONTAINER_ID = /^[0-9a-f]{12}$/;
export const SHORT_CONTAINER_ID_MESSAGE = 'expected a 12-character lowercase hex container id';
export const ZShortContainerIdSchema = z
  .string()
  .check(z.regex(SHORT_CONTAINER_ID, SHORT_CONTAINER_ID_MESSAGE));

/** Docker's full 64-hex container id. */
export const ZFullContainerIdSchema = z
  .string()
  .check(z.regex(/^[0-9a-f]{64}$/, 'expected a 64-character lowercase hex container id'));

/** Either form, where the sender may hold either (action targets, live-log requests). */
export const ZContainerRefSchema = z
  .string()
  .check(
    z.regex(/^(?:[0-9a-f]{12}|[0-9a-f]{64})$/, 'expected a 12- or 64-character lowercase hex container id'),
  );

/** An image id as Docker reports it (`sha256:` + 64 hex; some engines omit the prefix). */
export const ZImageIdSchema = z
  .string()
  .check(z.regex(/^(?:sha256:)?[0-9a-f]{64}$/, 'expected sha256:<64 hex>'));

/**
 * ISO-8601 UTC timestamp with `Z`, any sub-second precision (Docker log timestamps carry
 * nanoseconds). Kept as a string so no precision is lost on the way to the database.
 */
export const ZTimestampSchema = z.iso.datetime({
  // Only the format message is ours; a missing or non-string value keeps zod's "expected string".
  error: (issue) =>
    issue.code === 'invalid_format' ? 'expected an ISO-8601 UTC timestamp ending in Z' : undefined,
});

export const ZUuidSchema = z.uuid();

/** Batch sequence numbers start at 1; 0 means "none" where a field allows it. */
export const ZSeqSchema = z.int().check(z.gte(1));

/** Non-negative safe integer: byte counters, sizes, counts. */
export const ZCountSchema = z.int().check(z.gte(0));

/** Process exit codes (Docker reports -1 for a health check that timed out). */
export const ZExitCodeSchema = z.int().check(z.gte(-2_147_483_648), z.lte(2_147_483_647));

/** An integer in [min, max]. */
export function boundedInt(min: number, max?: number) {
  return max === undefined ? z.int().check(z.gte(min)) : z.int().check(z.gte(min), z.lte(max));
}

/**
 * A numeric field's bounds as data, so a row schema (numberSchema) and a column check
 * (sample-columns.ts) enforce one definition. `int`: a safe integer (z.int's own bound).
 */
export type NumberBounds = { readonly int: boolean; readonly min: number; readonly max: number };

/** ZCountSchema's bounds. */
export const COUNT_BOUNDS: NumberBounds = { int: true, min: 0, max: Number.MAX_SAFE_INTEGER };

/** The schema of one number within `bounds`; the same checks (and messages) as ZCountSchema and boundedNumber. */
export function numberSchema(bounds: NumberBounds) {
  if (!bounds.int) return z.number().check(z.gte(bounds.min), z.lte(bounds.max));
  return bounds.max >= Number.MAX_SAFE_INTEGER
    ? z.int().check(z.gte(bounds.min))
    : z.int().check(z.gte(bounds.min), z.lte(bounds.max));
}

/** Finite non-negative number up to `max` (zod rejects NaN and ±Infinity for every number). */
export function boundedNumber(max: number) {
  return z.number().check(z.gte(0), z.lte(max));
}

const SEMVER =
  /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*)?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/;

export const ZSemverSchema = z
  .string()
  .check(z.maxLength(64), z.regex(SEMVER, 'expected a semantic version like 1.2.3'));

/**
 * Free text bounded in UTF-8 bytes. NUL is refused because PostgreSQL `text` cannot store it: a
 * batch carrying one would fail at commit on every retry, so the agent must strip it first.
 * `minChars` (e.g. 1 for a name that must not be empty) is checked after the bounds.
 */
export function boundedText(maxBytes: number, minChars?: number) {
  const checks = [
    // abort: a string already too long in UTF-16 units is not scanned again for bytes and NUL.
    z.maxLength(maxBytes, { error: `expected at most ${maxBytes} bytes`, abort: true }),
    z.superRefine<string>((value, ctx) => {
      if (!fitsUtf8Bytes(value, maxBytes)) {
        ctx.addIssue({ code: 'custom', message: `expected at most ${maxBytes} bytes of UTF-8` });
      } else if (value.includes('\u0000')) {
        ctx.addIssue({ code: 'custom', message: 'NUL characters are not allowed' });
      }
    }),
  ];
  return minChars === undefined
    ? z.string().check(...checks)
    : z.string().check(...checks, z.minLength(minChars));
}

/**
 * String→string map (labels, event attributes). zod drops a `__proto__` key silently; we refuse
 * it instead, and count entries before validating them so a huge map fails fast.
 */
export function boundedRecord(maxEntries: number, maxKeyBytes: number, maxValueBytes: number) {
  return z.pipe(
    z.transform((input: unknown, ctx) => {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
      if (Object.hasOwn(input, '__proto__')) {
        ctx.issues.push({
          code: 'custom',
          message: 'key "__proto__" is not allowed',
          input,
          path: ['__proto__'],
        });
        return input;
      }
      const entries = Object.keys(input).length;
      if (entries > maxEntries) {
        ctx.issues.push({
          code: 'custom',
          message: `expected at most ${maxEntries} entries, got ${entries}`,
          input,
        });
      }
      return input;
    }),
    z.record(boundedText(maxKeyBytes), boundedText(maxValueBytes)),
  );
}
