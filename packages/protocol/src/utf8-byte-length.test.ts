import { describe, expect, it } from 'vitest';
import { createRandom } from './testing/index.js';
import { fitsUtf8Bytes, utf8ByteLength } from './utf8-byte-length.js';

describe('utf8ByteLength', () => {
  it('agrees with Buffer.byteLength, lone surrogates included', () => {
    const rng = createRandom(7);
    const pool = ['a', 'é', '€', '😀', '\ud800', '\udc00', '\u0000', 'ß'];
    for (let i = 0; i < 2_000; i++) {
      const text = Array.from({ length: rng.int(0, 40) }, () => rng.pick(pool)).join('');
      expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, 'utf8'));
    }
  });

  it('decides by length alone when it can', () => {
    expect(fitsUtf8Bytes('€'.repeat(10), 30)).toBe(true);
    expect(fitsUtf8Bytes('€'.repeat(11), 32)).toBe(false);
    expect(fitsUtf8Bytes('a'.repeat(33), 32)).toBe(false);
  });
});
