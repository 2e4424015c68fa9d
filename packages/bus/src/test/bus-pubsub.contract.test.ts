import { describe, expect, it } from 'vitest';
import { createCollector, randomPrefix } from './helpers.js';
import { implementations, useBuses } from './implementations.js';

describe.each(implementations)('$name bus: publish/subscribe', (implementation) => {
  const openBus = useBuses(implementation, randomPrefix());

  it('delivers every message on a channel in publish order', async () => {
    const { bus } = openBus();
    const inbox = createCollector();
    await bus.subscribe('orders', inbox.handler);
    for (let n = 0; n < 100; n++) void bus.publish('orders', { n });
    const received = await inbox.waitFor(100);
    expect(received.map((r) => r.message)).toEqual(Array.from({ length: 100 }, (_, n) => ({ n })));
    expect(received.every((r) => r.channel === 'orders')).toBe(true);
  });

  it('round-trips nested JSON values', async () => {
    const { bus } = openBus();
    const inbox = createCollector();
    await bus.subscribe('json', inbox.handler);
    const message = {
      verb: 'restart',
      target: { hostId: 'h1', containers: ['a', 'b'] },
      params: { timeoutS: 10, force: false, note: null, nested: [{ deep: [1, 2.5, -3] }] },
      text: 'Grüße, 世界 "quoted" \n\u2028',
    };
    await bus.publish('json', message);
    await bus.publish('json', 'plain string');
    await bus.publish('json', 42);
    const received = await inbox.waitFor(3);
    expect(received.map((r) => r.message)).toEqual([message, 'plain string', 42]);
  });

  it('never calls handlers synchronously inside publish', async () => {
    const { bus } = openBus();
    const inbox = createCollector();
    await bus.subscribe('async', inbox.handler);
    const published = bus.publish('async', 1);
    expect(inbox.received).toHaveLength(0);
    await published;
    await inbox.waitFor(1);
  });

  it('rejects messages that JSON cannot encode', async () => {
    const { bus } = openBus();
    await expect(bus.publish('x', undefined)).rejects.toThrow(TypeError);
    await expect(bus.publish('x', 10n)).rejects.toThrow(TypeError);
  });

  it('counts receiving subscriptions, one per channel however many handlers share it', async () => {
    const { bus } = openBus();
    expect(await bus.publish('count', 'nobody')).toBe(0);
    const first = createCollector();
    const second = createCollector();
    await bus.subscribe('count', first.handler);
    await bus.subscribe('count', second.handler);
    expect(await bus.publish('count', 'both')).toBe(1);
    await Promise.all([first.waitFor(1), second.waitFor(1)]);
  });

  it('delivers to pattern subscribers with the concrete channel name', async () => {
    const { bus } = openBus();
    const inbox = createCollector();
    await bus.psubscribe('org:*:events', inbox.handler);
    const single = createCollector();
    await bus.psubscribe('host:?:actions', single.handler);
    await bus.publish('org:o1:events', { a: 1 });
    await bus.publish('org:o2:state', { skipped: true });
    await bus.publish('host:12:actions', { skipped: true });
    await bus.publish('host:7:actions', { b: 2 });
    await bus.publish('org:o3:events', { c: 3 });
    expect(await inbox.waitFor(2)).toEqual([
      { message: { a: 1 }, channel: 'org:o1:events' },
      { message: { c: 3 }, channel: 'org:o3:events' },
    ]);
    expect(single.received).toEqual([{ message: { b: 2 }, channel: 'host:7:actions' }]);
  });

  it("a pattern handler's own decoder gets the raw message; the others still get it parsed once", async () => {
    const { bus } = openBus();
    const parsed = createCollector();
    const raw = createCollector();
    await bus.psubscribe('decode:*', parsed.handler);
    await bus.psubscribe('decode:*', raw.handler, (text) => {
      if (text.includes('"drop"')) throw new Error('not mine');
      return `raw ${text}`;
    });
    await bus.publish('decode:a', { n: 1 });
    await bus.publish('decode:a', { drop: true });
    await bus.publish('decode:a', { n: 2 });
    expect((await parsed.waitFor(3)).map((r) => r.message)).toEqual([{ n: 1 }, { drop: true }, { n: 2 }]);
    // The throwing decode dropped its message for its own handler only.
    expect((await raw.waitFor(2)).map((r) => r.message)).toEqual(['raw {"n":1}', 'raw {"n":2}']);
  });

  it('delivers once per matching subscription when a channel and a pattern both match', async () => {
    const { bus } = openBus();
    const inbox = createCollector();
    await bus.subscribe('org:o1:events', inbox.handler);
    await bus.psubscribe('org:*:events', inbox.handler);
    expect(await bus.publish('org:o1:events', 'hi')).toBe(2);
    expect(await inbox.waitFor(2)).toHaveLength(2);
  });

  it('unsubscribe removes only that handler, and the last one ends the subscription', async () => {
    const { bus } = openBus();
    const stays = createCollector();
    const leaves = createCollector();
    const unsubscribeStays = await bus.subscribe('unsub', stays.handler);
    const unsubscribeLeaves = await bus.subscribe('unsub', leaves.handler);
    await bus.publish('unsub', 1);
    await leaves.waitFor(1);
    await unsubscribeLeaves();
    await unsubscribeLeaves();
    await bus.publish('unsub', 2);
    await stays.waitFor(2);
    expect(leaves.received.map((r) => r.message)).toEqual([1]);
    await unsubscribeStays();
    expect(await bus.publish('unsub', 3)).toBe(0);
  });

  it('punsubscribe stops pattern delivery', async () => {
    const { bus } = openBus();
    const pattern = createCollector();
    const sentinel = createCollector();
    const unsubscribe = await bus.psubscribe('p:*', pattern.handler);
    await bus.subscribe('sentinel', sentinel.handler);
    await unsubscribe();
    expect(await bus.publish('p:1', 'late')).toBe(0);
    await bus.publish('sentinel', 'done');
    await sentinel.waitFor(1);
    expect(pattern.received).toEqual([]);
  });

  it('a throwing or rejecting handler neither breaks others nor the subscription', async () => {
    const { bus, log } = openBus();
    const healthy = createCollector();
    await bus.subscribe('isolated', () => {
      throw new Error('sync boom');
    });
    await bus.subscribe('isolated', async () => {
      throw new Error('async boom');
    });
    await bus.subscribe('isolated', healthy.handler);
    await bus.publish('isolated', 1);
    await bus.publish('isolated', 2);
    await healthy.waitFor(2);
    const errors = log.filter((entry) => entry.level === 'error');
    expect(errors.map((e) => (e.context.err as Error).message).sort()).toEqual([
      'async boom',
      'async boom',
      'sync boom',
      'sync boom',
    ]);
    expect(errors[0]?.context.channel).toBe('isolated');
  });

  it('stops delivering and rejects calls after close', async () => {
    const { bus } = openBus();
    const inbox = createCollector();
    await bus.subscribe('closing', inbox.handler);
    await bus.close();
    await bus.close();
    await expect(bus.publish('closing', 1)).rejects.toThrow('closed');
    await expect(bus.getKey('k')).rejects.toThrow('closed');
    expect(inbox.received).toEqual([]);
  });
});
