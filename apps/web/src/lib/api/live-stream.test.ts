import { describe, expect, it } from 'vitest';
import { parseLiveEvent } from './live-stream';

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
