import { describe, expect, it } from 'vitest';
import { type Page, readAllPages } from './pagination';

/** Pages of two numbers each: cursor "n" starts at n. */
function pagesOf(total: number) {
  const asked: (string | null)[] = [];
  const readPage = async (cursor: string | null): Promise<Page<number>> => {
    asked.push(cursor);
    const start = Number(cursor ?? 0);
    const items = [start, start + 1].filter((n) => n < total);
    return { items, nextCursor: start + 2 < total ? String(start + 2) : null };
  };
  return { asked, readPage };
}

describe('readAllPages', () => {
  it('follows cursors until the list ends', async () => {
    const { asked, readPage } = pagesOf(5);
    expect(await readAllPages(readPage)).toEqual([0, 1, 2, 3, 4]);
    expect(asked).toEqual([null, '2', '4']);
  });

  it('stops after maxPages pages', async () => {
    const { asked, readPage } = pagesOf(100);
    expect(await readAllPages(readPage, 2)).toEqual([0, 1, 2, 3]);
    expect(asked).toEqual([null, '2']);
  });

  it('starts from a page already in hand without reading it again', async () => {
    const { asked, readPage } = pagesOf(6);
    const first = { items: [0, 1], nextCursor: '2' };
    expect(await readAllPages(readPage, Number.POSITIVE_INFINITY, first)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(asked).toEqual(['2', '4']);
  });
});
