import { HTTP_METHODS } from '@berth/protocol';
import * as z from 'zod/mini';

/**
 * The value grammars of `berth.check.*` labels, as zod schemas from label text to typed values.
 * Durations read like Docker's and compose's (`30s`, `1m30s`, `500ms`); a bare number is seconds,
 * as Uptime Kuma's fields are.
 */

const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds of `30s`, `1m30s`, `500ms`, `2h`, or a bare number of seconds; null when not one. */
export function parseDuration(text: string): number | null {
  const value = text.trim();
  if (/^\d+(?:\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  if (!DURATION.test(value)) return null;
  let total = 0;
  for (const [, amount, unit] of value.matchAll(DURATION_PART)) {
    total += Number(amount) * (UNIT_MS[unit ?? 's'] ?? 1000);
  }
  return Math.round(total);
}

function describeMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

export function durationMs(minMs: number, maxMs: number) {
  return z.pipe(
    z.string(),
    z.transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === null) {
        ctx.issues.push({
          code: 'custom',
          input: text,
          message: 'expected a duration like 30s, 1m or 1m30s',
        });
      } else if (ms < minMs || ms > maxMs) {
        ctx.issues.push({
          code: 'custom',
          input: text,
          message: `expected between ${describeMs(minMs)} and ${describeMs(maxMs)}, got ${describeMs(ms)}`,
        });
      }
      return ms ?? 0;
    }),
  );
}

export function integer(min: number, max: number) {
  return z.pipe(
    z.string(),
    z.transform((text, ctx) => {
      const value = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
      if (!Number.isSafeInteger(value) || value < min || value > max) {
        ctx.issues.push({
          code: 'custom',
          input: text,
          message: `expected a whole number from ${min} to ${max}`,
        });
      }
      return value;
    }),
  );
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

export const boolean = z.pipe(
  z.string(),
  z.transform((text, ctx) => {
    const value = text.trim().toLowerCase();
    if (!TRUE.has(value) && !FALSE.has(value)) {
      ctx.issues.push({ code: 'custom', input: text, message: 'expected true or false' });
    }
    return TRUE.has(value);
  }),
);

/** `200`, `200-299` (inclusive) or a class like `2xx`. */
export const statusRange = z.pipe(
  z.string(),
  z.transform((text, ctx) => {
    const value = text.trim().toLowerCase();
    const single = /^(\d{3})$/.exec(value);
    const range = /^(\d{3})\s*-\s*(\d{3})$/.exec(value);
    const klass = /^([1-5])xx$/.exec(value);
    let min = Number.NaN;
    let max = Number.NaN;
    if (single) min = max = Number(single[1]);
    else if (range) [min, max] = [Number(range[1]), Number(range[2])];
    else if (klass) [min, max] = [Number(klass[1]) * 100, Number(klass[1]) * 100 + 99];
    if (!(min >= 100 && max <= 599 && min <= max)) {
      ctx.issues.push({
        code: 'custom',
        input: text,
        message: 'expected a status (200), a range (200-399) or a class (2xx) within 100–599',
      });
    }
    return { min, max };
  }),
);

export const regexSource = z.string().check(
  z.minLength(1, 'expected a regular expression'),
  z.maxLength(500, 'expected at most 500 characters'),
  z.refine((source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  }, 'expected a valid JavaScript regular expression'),
);

type HttpMethod = (typeof HTTP_METHODS)[number];

export const httpMethod = z.pipe(
  z.string(),
  z.transform((text, ctx): HttpMethod => {
    const method = text.trim().toUpperCase();
    if ((HTTP_METHODS as readonly string[]).includes(method)) return method as HttpMethod;
    ctx.issues.push({ code: 'custom', input: text, message: `expected one of ${HTTP_METHODS.join(', ')}` });
    return 'GET';
  }),
);
