import { describe, expect, it } from 'vitest';
import { copyField, copyRow, jsonField } from './copy-text.js';

describe('COPY text encoding', () => {
  it('escapes the characters COPY treats specially and writes NULL as \\N', () => {
    expect(copyRow(['a\tb', 'line1\nline2\r', 'C:\\temp', null, 42, 1.5])).toBe(
      'a\\tb\tline1\\nline2\\r\tC:\\\\temp\t\\N\t42\t1.5\n',
    );
  });

  it('replaces NUL, which PostgreSQL text cannot hold, instead of failing the batch', () => {
    expect(copyField(`a${String.fromCharCode(0)}b`)).toBe('a\uFFFDb');
    expect(jsonField({ v: `x${String.fromCharCode(0)}` })).toBe('{"v":"x\\ufffd"}');
  });

  it('leaves ordinary text untouched', () => {
    expect(copyField('GET /index.html 200 — ünïcødé ✓')).toBe('GET /index.html 200 — ünïcødé ✓');
  });
});
