import { describe, expect, it } from 'vitest';
import { compareEventIds, isEventId } from '../event-ids.js';
import { randomPrefix, waitUntil } from './helpers.js';
import { implementations, useBuses } from './implementations.js';

describe.each(implementations)('$name bus: keys and event buffer', (implementation) => {
  const openBus = useBuses(implementation, randomPrefix());

  it('expires a key after its TTL', async () => {
    const { bus } = openBus();
    const started = Date.now();
    await bus.setKey('presence:ttl', 'gw-1', 300);
    expect(await bus.getKey('presence:ttl')).toBe('gw-1');
    await waitUntil(async () => (await bus.getKey('presence:ttl')) === null);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('setKey replaces the value and the TTL (a gateway taking a host over)', async () => {
    const { bus } = openBus();
    await bus.setKey('presence:control', 'gw-1', 200);
    await bus.setKey('presence:takeover', 'gw-1', 200);
    await bus.setKey('presence:takeover', 'gw-2', 60_000);
    await waitUntil(async () => (await bus.getKey('presence:control')) === null);
    expect(await bus.getKey('presence:takeover')).toBe('gw-2');
  });

  it('returns null for a key that was never set', async () => {
    const { bus } = openBus();
    expect(await bus.getKey('presence:none')).toBeNull();
  });

  it('deleteKeyIf deletes only while the key holds the expected value', async () => {
    const { bus } = openBus();
    await bus.setKey('presence:cad', 'gw-2', 60_000);
    expect(await bus.deleteKeyIf('presence:cad', 'gw-1')).toBe(false);
    expect(await bus.getKey('presence:cad')).toBe('gw-2');
    expect(await bus.deleteKeyIf('presence:cad', 'gw-2')).toBe(true);
    expect(await bus.getKey('presence:cad')).toBeNull();
    expect(await bus.deleteKeyIf('presence:cad', 'gw-2')).toBe(false);
  });

  it('refreshKeyIf extends the TTL only for the current owner', async () => {
    const { bus } = openBus();
    await bus.setKey('presence:control', 'gw-1', 200);
    await bus.setKey('presence:beat', 'gw-1', 200);
    expect(await bus.refreshKeyIf('presence:beat', 'gw-2', 60_000)).toBe(false);
    expect(await bus.refreshKeyIf('presence:beat', 'gw-1', 60_000)).toBe(true);
    await waitUntil(async () => (await bus.getKey('presence:control')) === null);
    expect(await bus.getKey('presence:beat')).toBe('gw-1');
    expect(await bus.refreshKeyIf('presence:missing', 'gw-1', 1000)).toBe(false);
  });

  it('rejects a TTL that is not a positive integer', async () => {
    const { bus } = openBus();
    await expect(bus.setKey('k', 'v', 0)).rejects.toThrow(RangeError);
    await expect(bus.setKey('k', 'v', 1.5)).rejects.toThrow(RangeError);
  });

  it('hands out increasing <ms>-<seq> event ids', async () => {
    const { bus } = openBus();
    const ids: string[] = [];
    for (let n = 0; n < 50; n++) ids.push(await bus.appendEvent('stream:ids', { n }, 100));
    expect(ids.every(isEventId)).toBe(true);
    for (let i = 1; i < ids.length; i++) {
      expect(compareEventIds(ids[i - 1] ?? '', ids[i] ?? '')).toBe(-1);
    }
  });

  it('reads events after an id, oldest first, paged by limit', async () => {
    const { bus } = openBus();
    const ids: string[] = [];
    for (let n = 0; n < 6; n++) ids.push(await bus.appendEvent('stream:read', { n, tags: ['x'] }, 100));
    const page = await bus.readEventsAfter('stream:read', ids[1] ?? '', 3);
    expect(page).toEqual({
      gap: false,
      events: [2, 3, 4].map((n) => ({ id: ids[n], event: { n, tags: ['x'] } })),
    });
    const rest = await bus.readEventsAfter('stream:read', ids[4] ?? '', 3);
    expect(rest).toEqual({ gap: false, events: [{ id: ids[5], event: { n: 5, tags: ['x'] } }] });
    expect(await bus.readEventsAfter('stream:read', ids[5] ?? '', 3)).toEqual({ gap: false, events: [] });
  });

  it('trims the buffer to about maxLen and reports a gap for a trimmed id', async () => {
    const { bus } = openBus();
    const ids: string[] = [];
    for (let n = 0; n < 300; n++) ids.push(await bus.appendEvent('stream:trim', { n }, 10));
    const first = ids[0] ?? '';
    const { events, gap } = await bus.readEventsAfter('stream:trim', first, 1000);
    expect(gap).toBe(true);
    // Redis trims whole stream nodes (MAXLEN ~), so it may keep more than maxLen but never less.
    expect(events.length).toBeGreaterThanOrEqual(10);
    expect(events.length).toBeLessThan(300);
    expect(events.slice(-10).map((e) => e.event)).toEqual(
      Array.from({ length: 10 }, (_, i) => ({ n: 290 + i })),
    );
  });

  it('reports a gap for an unknown or malformed id and for an empty stream', async () => {
    const { bus } = openBus();
    const id = await bus.appendEvent('stream:gap', 'only', 10);
    const [ms] = id.split('-');
    const before = `${Number(ms) - 1}-0`;
    expect(await bus.readEventsAfter('stream:gap', before, 10)).toEqual({
      gap: true,
      events: [{ id, event: 'only' }],
    });
    expect(await bus.readEventsAfter('stream:gap', 'garbage', 10)).toEqual({
      gap: true,
      events: [{ id, event: 'only' }],
    });
    expect(await bus.readEventsAfter('stream:none', before, 10)).toEqual({ gap: true, events: [] });
  });
});
