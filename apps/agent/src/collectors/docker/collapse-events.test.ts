import type { ContainerEvent } from '@berth/protocol';
import { describe, expect, it } from 'vitest';
import { EventCollapser } from './collapse-events.js';
import { RecentKeys } from './recent-keys.js';

const S = 1_000_000_000n;
const event = (
  action: string,
  containerId = 'aaaaaaaaaaaa',
  ts = '2026-01-01T00:00:00.000000000Z',
): ContainerEvent => ({
  containerId,
  ts,
  action,
  attributes: {},
  count: 1,
});

describe('event collapsing', () => {
  it('folds a crash loop into one start and one die with counts, first occurrence kept', () => {
    const buffer = new EventCollapser();
    // Docker's restart backoff: 100, 200, 400, 800 ms between attempts.
    let t = 0n;
    for (const gapMs of [0n, 100n, 200n, 400n, 800n]) {
      t += gapMs * 1_000_000n;
      buffer.add(event('start', 'aaaaaaaaaaaa', `t${t}`), t);
      buffer.add(event('die', 'aaaaaaaaaaaa', `t${t + 5n}`), t + 5n);
    }
    const { items } = buffer.drain();
    expect(items.map(({ action, count, ts }) => ({ action, count, ts }))).toEqual([
      { action: 'start', count: 5, ts: 't0' },
      { action: 'die', count: 5, ts: 't5' },
    ]);
  });

  it('starts a new record when the same action comes more than 1 s after its last occurrence', () => {
    const buffer = new EventCollapser();
    buffer.add(event('start'), 0n);
    buffer.add(event('start'), S + 1n);
    expect(buffer.drain().items.map((item) => item.count)).toEqual([1, 1]);
  });

  it('never folds different containers or actions together', () => {
    const buffer = new EventCollapser();
    buffer.add(event('start', 'aaaaaaaaaaaa'), 0n);
    buffer.add(event('start', 'bbbbbbbbbbbb'), 1n);
    buffer.add(event('health_status: healthy'), 2n);
    buffer.add(event('health_status: unhealthy'), 3n);
    expect(buffer.drain().items).toHaveLength(4);
  });

  it('never changes an event after it was drained', () => {
    const buffer = new EventCollapser();
    buffer.add(event('die'), 0n);
    const [first] = buffer.drain().items;
    buffer.add(event('die'), 1n);
    expect(first?.count).toBe(1);
    expect(buffer.drain().items.map((item) => item.count)).toEqual([1]);
  });

  it('drops the oldest when full and counts the occurrences it dropped', () => {
    const buffer = new EventCollapser(2);
    buffer.add(event('start'), 0n);
    buffer.add(event('start'), 1n);
    buffer.add(event('die'), 2n);
    buffer.add(event('stop'), 3n);
    expect(buffer.drain()).toMatchObject({ items: [{ action: 'die' }, { action: 'stop' }], dropped: 2 });
  });
});

describe('event de-duplication keys', () => {
  it('reports a repeated key once and forgets the oldest beyond capacity', () => {
    const keys = new RecentKeys(2);
    expect(keys.seen('a')).toBe(false);
    expect(keys.seen('a')).toBe(true);
    expect(keys.seen('b')).toBe(false);
    expect(keys.seen('c')).toBe(false);
    expect(keys.seen('a')).toBe(false);
    expect(keys.seen('c')).toBe(true);
  });
});
