import type { z } from 'zod';
import { ZIsoInstantSchema } from './primitives.js';

const DAY = 86_400_000;
/** Longest range any query accepts (the 1-hour rollups' retention). */
export const MAX_RANGE_DAYS = 400;

export type TimeRange = { from: Date; to: Date };

/** The `from`/`to` fields of a query string (ISO-8601 with Z). */
export const timeRangeFields = { from: ZIsoInstantSchema.optional(), to: ZIsoInstantSchema.optional() };

/**
 * Inside a query schema's transform: `to` defaults to now, `from` to `defaultSpanMs` before `to`;
 * `from` must precede `to` and the range may not exceed 400 days. Errors name `from`.
 */
export function resolveTimeRange<T extends { from?: string | undefined; to?: string | undefined }>(
  query: T,
  ctx: z.RefinementCtx<T>,
  defaultSpanMs: number,
): Omit<T, 'from' | 'to'> & TimeRange {
  const to = query.to === undefined ? new Date() : new Date(query.to);
  const from = query.from === undefined ? new Date(to.getTime() - defaultSpanMs) : new Date(query.from);
  const span = to.getTime() - from.getTime();
  if (span <= 0) {
    ctx.issues.push({ code: 'custom', message: 'from must be before to', path: ['from'], input: query.from });
  } else if (span > MAX_RANGE_DAYS * DAY) {
    const message = `the range may span at most ${MAX_RANGE_DAYS} days`;
    ctx.issues.push({ code: 'custom', message, path: ['from'], input: query.from });
  }
  return { ...query, from, to };
}
