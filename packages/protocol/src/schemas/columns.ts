import * as z from 'zod/mini';
import { LIMITS } from '../limits.js';
import { fitsUtf8Bytes } from '../utf8-byte-length.js';
import { type NumberBounds, SHORT_CONTAINER_ID, SHORT_CONTAINER_ID_MESSAGE } from './primitives.js';

/**
 * Column checks of the `columnar` encoding (sample-columns.ts, log-columns.ts). A column is
 * checked by one loop over its values, not by a zod schema per element: zod builds a result per
 * element, which is what the columnar form exists to avoid. Each loop applies the row schema's
 * bounds (NumberBounds, a text's byte limit, an enum's values) and reports the first bad element
 * by its index, e.g. `batch.containerSampleColumns.cpuPct[17]`, with the message zod gives the row.
 */
function column<T>(describe: (value: unknown) => string | undefined) {
  return z.custom<T[]>(Array.isArray, { error: 'expected array' }).check(
    z.superRefine((values, ctx) => {
      if (values.length > LIMITS.maxItemsPerBatch) {
        ctx.addIssue({ code: 'custom', message: `expected at most ${LIMITS.maxItemsPerBatch} entries` });
        return;
      }
      for (let i = 0; i < values.length; i += 1) {
        const message = describe(values[i]);
        if (message === undefined) continue;
        ctx.addIssue({ code: 'custom', message, path: [i] });
        return;
      }
    }),
  );
}

/** Numbers within `bounds` (numberSchema's); with `nullable`, null for an entry without one. */
export function numberColumn<T = number>(bounds: NumberBounds, nullable = false) {
  return column<T>((value) => {
    if (typeof value === 'number' && value >= bounds.min && value <= bounds.max) {
      if (!bounds.int || Number.isSafeInteger(value)) return undefined;
    } else if (value === null && nullable) {
      return undefined;
    }
    return describeBadNumber(value, bounds);
  });
}

/** Messages as zod words them for the row schema's checks. */
function describeBadNumber(value: unknown, bounds: NumberBounds): string {
  if (typeof value !== 'number') return `expected number, received ${typeName(value)}`;
  if (!Number.isFinite(value)) return 'expected number, received Infinity';
  if (value < bounds.min) return `Too small: expected number to be >=${bounds.min}`;
  if (value > bounds.max) return `Too big: expected number to be <=${bounds.max}`;
  return 'expected int, received number';
}

/** Docker short container ids (ZShortContainerIdSchema's pattern). */
export const containerIdColumn = column<string>((value) => {
  if (typeof value === 'string')
    return SHORT_CONTAINER_ID.test(value) ? undefined : SHORT_CONTAINER_ID_MESSAGE;
  return `expected string, received ${typeName(value)}`;
});

/**
 * Text of at most `maxBytes` of UTF-8 without NUL (boundedText's checks and messages); with
 * `nullable`, null for an entry without one.
 */
export function textColumn<T = string>(maxBytes: number, nullable = false) {
  return column<T>((value) => {
    if (typeof value !== 'string') {
      return value === null && nullable ? undefined : `expected string, received ${typeName(value)}`;
    }
    if (value.length > maxBytes) return `expected at most ${maxBytes} bytes`;
    if (!fitsUtf8Bytes(value, maxBytes)) return `expected at most ${maxBytes} bytes of UTF-8`;
    return value.includes('\u0000') ? 'NUL characters are not allowed' : undefined;
  });
}

/** One of `options` (a z.enum's), worded as zod words a bad enum value. */
export function enumColumn<const T extends readonly string[]>(options: T) {
  const allowed = new Set<unknown>(options);
  const message = `Invalid option: expected one of ${options.map((o) => JSON.stringify(o)).join('|')}`;
  return column<T[number]>((value) => (allowed.has(value) ? undefined : message));
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The issue of a group of columns whose lengths differ from `key`'s (the first column). */
export function equalLengths(key: string) {
  return z.superRefine<Record<string, readonly unknown[] | undefined>>((columns, ctx) => {
    const length = columns[key]?.length ?? 0;
    for (const [name, values] of Object.entries(columns)) {
      if (values !== undefined && values.length !== length) {
        ctx.addIssue({
          code: 'custom',
          message: `expected ${length} entries (as many as ${key}), got ${values.length}`,
          path: [name],
        });
        return;
      }
    }
  });
}
