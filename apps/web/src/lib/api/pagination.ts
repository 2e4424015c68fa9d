import type { Page } from '@berth/api-contract';

export type { Page } from '@berth/api-contract';

/** `?limit&cursor` of a list request; `cursor` only when there is one. */
export type PageRequest = { limit?: number; cursor?: string | null };

export function pageQuery({ limit, cursor }: PageRequest): Record<string, string | number | undefined> {
  return { limit, cursor: cursor ?? undefined };
}

/**
 * Follows cursors until the list ends or `maxPages` pages were read (name look-ups, pickers;
 * `Infinity` for lists that must be complete). `first` is a page already in hand.
 */
export async function readAllPages<T>(
  readPage: (cursor: string | null) => Promise<Page<T>>,
  maxPages = 10,
  first?: Page<T>,
): Promise<T[]> {
  let next = first ?? (await readPage(null));
  const items = [...next.items];
  for (let page = 1; page < maxPages && next.nextCursor; page++) {
    next = await readPage(next.nextCursor);
    items.push(...next.items);
  }
  return items;
}
