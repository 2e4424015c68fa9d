import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { encodeCursor, readCursor, ZTimeIdCursorSchema, ZTimeUuidCursorSchema } from './paging.js';

describe('cursors', () => {
  const key = ['2026-01-02T03:04:05.678Z', '7d0c6c1e-4f4a-4b8e-9a51-0d3c2f6b9e10'];

  it('carry their sort key through encode and read, as base64url without padding', () => {
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).toBe(Buffer.from(JSON.stringify(key)).toString('base64url'));
    expect(readCursor(ZTimeUuidCursorSchema, cursor)).toEqual(key);
  });

  it('carry non-ASCII keys (host names sort the hosts list)', () => {
    const cursor = encodeCursor(['höst-東京', 'x']);
    expect(cursor).toBe(Buffer.from(JSON.stringify(['höst-東京', 'x'])).toString('base64url'));
    expect(readCursor(ZTimeIdCursorSchema, cursor)).toBeNull();
    expect(readCursor(z.tuple([z.string(), z.string()]), cursor)).toEqual(['höst-東京', 'x']);
  });

  it('read as null when tampered, truncated or of another list', () => {
    expect(readCursor(ZTimeUuidCursorSchema, 'not base64 !')).toBeNull();
    expect(readCursor(ZTimeUuidCursorSchema, encodeCursor(key).slice(0, 10))).toBeNull();
    expect(readCursor(ZTimeUuidCursorSchema, encodeCursor([key[0], "1' OR 1=1 --"]))).toBeNull();
    expect(readCursor(ZTimeIdCursorSchema, encodeCursor({ name: 'a' }))).toBeNull();
  });
});
