import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseLiveEvent, subscribeLiveEvents } from './live-stream';

const HOST = '7d0c6c1e-4f4a-4b8e-9a51-0d3c2f6b9e10';

describe('parseLiveEvent', () => {
  it('types a stream message by its SSE event name, keeping fields it does not know out of the way', () => {
    const event = parseLiveEvent(
      'host.status',
      JSON.stringify({
        id: '1-0',
        type: 'host.status',
        hostId: HOST,
        status: 'offline',
        at: '2026-11-23T10:00:00Z',
      }),
    );
    expect(event).toEqual({
      type: 'host.status',
      hostId: HOST,
      status: 'offline',
      at: '2026-11-23T10:00:00Z',
    });
    expect(parseLiveEvent('reset', JSON.stringify({ reason: 'gap' }))).toEqual({
      type: 'reset',
      reason: 'gap',
    });
  });

  it('ignores malformed messages and unknown types instead of throwing', () => {
    expect(parseLiveEvent('samples', '{not json')).toBeNull();
    expect(
      parseLiveEvent('host.status', JSON.stringify({ hostId: 'h', status: 'sleeping', at: 'x' })),
    ).toBeNull();
    expect(parseLiveEvent('future.event', '{}')).toBeNull();
  });
});

/** Enough of EventSource to count instances and deliver messages by type. */
class FakeEventSource {
  static opened: FakeEventSource[] = [];
  closed = false;
  private readonly listeners = new Map<string, ((message: { data: string }) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(type: string, listener: (message: { data: string }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data: unknown) {
    for (const listener of this.listeners.get(type) ?? []) listener({ data: JSON.stringify(data) });
  }
}

describe('subscribeLiveEvents', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    FakeEventSource.opened = [];
  });

  it('shares one stream between every listener of the page, closed after the last leaves', () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const first: string[] = [];
    const second: string[] = [];
    const leaveFirst = subscribeLiveEvents((event) => first.push(event.type));
    const leaveSecond = subscribeLiveEvents((event) => second.push(event.type));
    expect(FakeEventSource.opened).toHaveLength(1);
    const source = FakeEventSource.opened[0] as FakeEventSource;
    expect(source.url).toBe('/api/v1/stream');
    source.emit('host.status', { hostId: HOST, status: 'online', at: '2026-11-23T10:00:00Z' });
    expect([first, second]).toEqual([['host.status'], ['host.status']]);
    leaveFirst();
    source.emit('reset', {});
    expect([first, second]).toEqual([['host.status'], ['host.status', 'reset']]);
    expect(source.closed).toBe(false);
    leaveSecond();
    expect(source.closed).toBe(true);
    // The next listener opens a fresh stream.
    const leaveThird = subscribeLiveEvents(() => undefined);
    expect(FakeEventSource.opened).toHaveLength(2);
    leaveThird();
  });
});
