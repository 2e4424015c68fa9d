import { describe, expect, it } from 'vitest';
import { parseLiveEvent } from './live-stream';

describe('parseLiveEvent', () => {
  it('types a stream message by its SSE event name, keeping fields it does not know out of the way', () => {
    const event = parseLiveEvent(
      'host.status',
      JSON.stringify({
        id: '1-0',
        type: 'host.status',
        hostId: 'h',
        status: 'offline',
        at: '2026-11-23T10:00:00Z',
      }),
    );
    expect(event).toEqual({
      type: 'host.status',
      hostId: 'h',
      status: 'offline',
      at: '2026-11-23T10:00:00Z',
    });
    expect(parseLiveEvent('reset', JSON.stringify({ reason: 'gap' }))).toEqual({ type: 'reset' });
  });

  it('ignores malformed messages and unknown types instead of throwing', () => {
    expect(parseLiveEvent('samples', '{not json')).toBeNull();
    expect(
      parseLiveEvent('host.status', JSON.stringify({ hostId: 'h', status: 'sleeping', at: 'x' })),
    ).toBeNull();
    expect(parseLiveEvent('future.event', '{}')).toBeNull();
  });
});
