import { encodeCursor } from '@berth/api-contract';
import { AppError } from '@berth/http';
import { describe, expect, it } from 'vitest';
import { afterCreated, pageByCreation } from './pagination.js';

type Row = { id: string; createdAt: Date };

/** Evaluates the keyset clause the way PostgreSQL would for these two columns. */
function matches(row: Row, where: ReturnType<typeof afterCreated>): boolean {
  if (!('OR' in where) || !where.OR) return true;
  return where.OR.some((term) => {
    const bound = term.createdAt instanceof Date ? null : term.createdAt;
    if (bound) return 'lt' in bound ? row.createdAt < bound.lt : row.createdAt > bound.gt;
    const at = term.createdAt as Date;
    const id = 'id' in term ? term.id : undefined;
    if (row.createdAt.getTime() !== at.getTime() || !id) return false;
    return 'lt' in id ? row.id < id.lt : row.id > id.gt;
  });
}

function sortRows(rows: Row[], order: 'asc' | 'desc'): Row[] {
  const sign = order === 'asc' ? 1 : -1;
  return [...rows].sort(
    (a, b) =>
      sign * (a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  );
}

/** Twelve rows, several sharing a createdAt (the case a timestamp-only cursor gets wrong). */
const ROWS: Row[] = Array.from({ length: 12 }, (_, i) => ({
  id: `0000000${i.toString(16)}-0000-4000-8000-000000000000`,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, Math.floor(i / 3))),
}));

describe('pageByCreation', () => {
  for (const order of ['asc', 'desc'] as const) {
    it(`pages ${order} through rows sharing timestamps, each row exactly once`, () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const paging = pageByCreation({ limit: 5, cursor }, order);
        expect(paging.orderBy).toEqual([{ createdAt: order }, { id: order }]);
        const rows = sortRows(
          ROWS.filter((row) => matches(row, paging.where)),
          order,
        ).slice(0, paging.take);
        const page = paging.page(rows, (row) => row.id);
        seen.push(...page.items);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen).toEqual(sortRows(ROWS, order).map((row) => row.id));
    });
  }

  it('starts at the beginning without a cursor', () => {
    expect(pageByCreation({ limit: 5 }, 'desc').where).toEqual({});
    expect(afterCreated(null, 'asc')).toEqual({});
  });

  it('refuses a tampered cursor as a 400 naming cursor (never a SQL cast error)', () => {
    const tampered = encodeCursor(['2026-01-01T00:00:00.000Z', "x' OR 1=1 --"]);
    const attempt = () => pageByCreation({ limit: 5, cursor: tampered }, 'desc');
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(/invalid cursor/);
    // Tables keyed by text ids accept any id, and the value only ever reaches SQL as a parameter.
    expect(pageByCreation({ limit: 5, cursor: tampered }, 'desc', 'text').where).toEqual({
      OR: [
        { createdAt: { lt: new Date('2026-01-01T00:00:00.000Z') } },
        { createdAt: new Date('2026-01-01T00:00:00.000Z'), id: { lt: "x' OR 1=1 --" } },
      ],
    });
  });
});
