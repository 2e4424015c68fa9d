import { z } from 'zod';

/** The `{ items, nextCursor }` answer of every API list (cursor opaque, null on the last page). */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export type Page<T> = { items: T[]; nextCursor: string | null };

/** `?limit&cursor` of a list request; `cursor` only when there is one. */
export type PageRequest = { limit?: number; cursor?: string | null };

export function pageQuery({ limit, cursor }: PageRequest): Record<string, string | number | undefined> {
  return { limit, cursor: cursor ?? undefined };
}

/** Follows cursors until the list ends or `maxPages` pages were read (name look-ups, pickers). */
export async function readAllPages<T>(
  readPage: (cursor: string | null) => Promise<Page<T>>,
  maxPages = 10,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const next: Page<T> = await readPage(cursor);
    items.push(...next.items);
    if (!next.nextCursor) break;
    cursor = next.nextCursor;
  }
  return items;
}
