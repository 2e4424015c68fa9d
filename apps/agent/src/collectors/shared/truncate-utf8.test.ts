import { describe, expect, it } from 'vitest';
import { boundText, clipText, TRUNCATION_MARKER, utf8Prefix } from './truncate-utf8.js';

describe('UTF-8 bounds', () => {
  it('never cuts a multi-byte character in half', () => {
    const bytes = Buffer.from('aé€😀', 'utf8'); // 1 + 2 + 3 + 4 bytes
    expect(utf8Prefix(bytes, 2).toString()).toBe('a');
    expect(utf8Prefix(bytes, 3).toString()).toBe('aé');
    expect(utf8Prefix(bytes, 9).toString()).toBe('aé€');
    expect(utf8Prefix(bytes, 10).toString()).toBe('aé€😀');
  });

  it('truncates to the byte bound with the marker included', () => {
    const text = boundText('€'.repeat(100), 64);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(64);
    expect(text.endsWith(TRUNCATION_MARKER)).toBe(true);
  });

  it('leaves short text alone and strips NUL', () => {
    expect(boundText('hello', 64)).toBe('hello');
    expect(boundText('a\u0000b', 64)).toBe('ab');
  });

  it('marks text as truncated when the caller already cut it', () => {
    expect(boundText('abc', 64, true)).toBe(`abc${TRUNCATION_MARKER}`);
  });

  it('clips names without a marker', () => {
    expect(clipText('x'.repeat(300), 256)).toHaveLength(256);
  });
});
