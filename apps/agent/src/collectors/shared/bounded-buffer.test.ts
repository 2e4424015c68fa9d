import { describe, expect, it } from 'vitest';
import { BoundedBuffer } from './bounded-buffer.js';

describe('bounded buffer', () => {
  it('keeps the newest items up to capacity and counts the dropped ones until drained', () => {
    const buffer = new BoundedBuffer<number>(3);
    for (let i = 1; i <= 10; i += 1) buffer.push(i);
    expect(buffer.drain()).toEqual({ items: [8, 9, 10], dropped: 7 });
    expect(buffer.drain()).toEqual({ items: [], dropped: 0 });
  });
});
