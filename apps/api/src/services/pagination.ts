import { AppError } from '@berth/http';
import { z } from 'zod';

/** `?limit=&cursor=` of every list; the cursor is opaque (base64url JSON of the sort key). */
export const ZPageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(1000).optional(),
});
export type PageQuery = z.infer<typeof ZPageQuerySchema>;

export type Page<T> = { items: T[]; nextCursor: string | null };

/** The `{ items, nextCursor }` response schema of a list of `item`. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The sort key a cursor carries, checked against `schema` (values are later used in SQL,
 * so a tampered cursor must fail here as a 400 naming `cursor`, never as a SQL error).
 */
export function decodeCursor<S extends z.ZodType>(schema: S, cursor: string | undefined): z.infer<S> | null {
  if (cursor === undefined) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    raw = undefined;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('bad_request', 'invalid cursor: not a cursor of this list', {
      issues: [{ field: 'cursor', message: 'not a cursor of this list (or of other sort options)' }],
    });
  }
  return parsed.data;
}

/** Rows fetched with `limit + 1` → one page and the cursor after its last item. */
export function pageOf<R, T>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => unknown,
  shape: (row: R) => T,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(shape),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}

/** A (timestamp, id) cursor: ISO time and the row's id, for lists in creation order. */
export const ZTimeIdCursorSchema = z.tuple([z.iso.datetime(), z.string().min(1).max(100)]);
