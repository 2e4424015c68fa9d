import {
  encodeCursor,
  type Page,
  type PageQuery,
  readCursor,
  type TimeIdCursor,
  ZTimeIdCursorSchema,
  ZTimeUuidCursorSchema,
} from '@berth/api-contract';
import { AppError } from '@berth/http';
import type { z } from 'zod';

export type { Page, PageQuery } from '@berth/api-contract';

/**
 * The sort key a cursor carries, checked against `schema` (values are later used in SQL,
 * so a tampered cursor must fail here as a 400 naming `cursor`, never as a SQL error).
 */
export function decodeCursor<S extends z.ZodType>(schema: S, cursor: string | undefined): z.infer<S> | null {
  if (cursor === undefined) return null;
  const key = readCursor(schema, cursor);
  if (key === null) {
    throw new AppError('bad_request', 'invalid cursor: not a cursor of this list', {
      issues: [{ field: 'cursor', message: 'not a cursor of this list (or of other sort options)' }],
    });
  }
  return key;
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

type Order = 'asc' | 'desc';

/** The rows strictly after `after` in (createdAt, id) order: the keyset clause of a Prisma `where`. */
export function afterCreated(after: TimeIdCursor | null, order: Order) {
  if (!after) return {};
  const createdAt = new Date(after[0]);
  const id = after[1];
  return order === 'desc'
    ? { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] }
    : { OR: [{ createdAt: { gt: createdAt } }, { createdAt, id: { gt: id } }] };
}

/**
 * Keyset paging of a list in creation order, one way for every such list: the `where` clause
 * after the cursor, the matching `orderBy`, `take` (one extra row tells whether a next page
 * exists) and the page with its next cursor. `ids: 'text'` for tables whose ids are not UUIDs.
 */
export function pageByCreation(query: PageQuery, order: Order, ids: 'uuid' | 'text' = 'uuid') {
  const after = decodeCursor(ids === 'uuid' ? ZTimeUuidCursorSchema : ZTimeIdCursorSchema, query.cursor);
  return {
    where: afterCreated(after, order),
    orderBy: [{ createdAt: order }, { id: order }],
    take: query.limit + 1,
    page<R extends { createdAt: Date; id: string }, T>(rows: R[], shape: (row: R) => T): Page<T> {
      return pageOf(rows, query.limit, (row) => [row.createdAt.toISOString(), row.id], shape);
    },
  };
}
