import { z } from 'zod';

/** `?limit=&cursor=` of every list; the cursor is opaque (base64url JSON of the sort key). */
export const ZPageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(1000).optional(),
});
export type PageQuery = z.infer<typeof ZPageQuerySchema>;

/** The `{ items, nextCursor }` answer of every list (cursor opaque, null on the last page). */
export type Page<T> = { items: T[]; nextCursor: string | null };

/**
 * The `{ items, nextCursor }` response schema of a list of `item`. Each list's page schema is
 * made once and exported (`ZHostPageSchema`, …): routes and the console must share the object.
 */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** A (createdAt, id) sort key: ISO time and the row's id, for lists in creation order. */
export const ZTimeIdCursorSchema = z.tuple([z.iso.datetime(), z.string().min(1).max(100)]);
/** The same where ids are UUIDs (a tampered id must fail here, not as a SQL cast error). */
export const ZTimeUuidCursorSchema = z.tuple([z.iso.datetime(), z.uuid()]);
export type TimeIdCursor = z.infer<typeof ZTimeIdCursorSchema>;

/** A cursor carrying `key` (base64url of its JSON, no padding; the same bytes in Node and browsers). */
export function encodeCursor(key: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(key));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/**
 * The sort key a cursor carries, checked against `schema`; null when the cursor is not one of
 * this list (tampered, truncated, or of other sort options). The API turns null into a 400.
 */
export function readCursor<S extends z.ZodType>(schema: S, cursor: string): z.infer<S> | null {
  let raw: unknown;
  try {
    const binary = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
    raw = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0))));
  } catch {
    return null;
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
