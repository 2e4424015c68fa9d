import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '@/lib/api/live-stream';
import { applyHostEvents } from './apply-host-events';
import { TREND_POINTS } from './host-rows';
import { makeHost } from './testing/fleet-fixtures';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const rows = [makeHost({ id: A, name: 'a', status: 'offline' }), makeHost({ id: B, name: 'b' })];

function samples(hostId: string, cpuPct: number, at = '2026-11-23T10:00:10.000Z'): LiveEvent {
  return {
    type: 'samples',
    hostId,
    at,
    host: { cpuPct, memUsed: 250, memTotal: 1000, load1: 1.5 },
    containers: [],
  };
}

describe('applyHostEvents', () => {
  it('marks a host online or offline with the event time as last seen', () => {
    const { rows: next } = applyHostEvents(rows, [
      { type: 'host.status', hostId: A, status: 'online', at: '2026-11-23T10:01:00.000Z' },
    ]);
    expect(next[0]?.status).toBe('online');
    expect(next[0]?.lastSeenAt).toBe('2026-11-23T10:01:00.000Z');
  });

  it('updates the reading and grows the sparkline trends from samples', () => {
    const { rows: next } = applyHostEvents(rows, [samples(B, 10), samples(B, 20), samples(B, 30)]);
    expect(next[1]?.latest?.cpuPct).toBe(30);
    expect(next[1]?.latest?.load1).toBe(1.5);
    expect(next[1]?.cpuTrend).toEqual([10, 20, 30]);
    expect(next[1]?.memTrend).toEqual([25, 25, 25]);
  });

  it('keeps only the newest trend points', () => {
    const many = Array.from({ length: TREND_POINTS + 5 }, (_, i) => samples(B, i));
    const { rows: next } = applyHostEvents(rows, many);
    expect(next[1]?.cpuTrend).toHaveLength(TREND_POINTS);
    expect(next[1]?.cpuTrend.at(-1)).toBe(TREND_POINTS + 4);
  });

  it('keeps untouched rows identical, so memoised rows skip rendering', () => {
    const { rows: next } = applyHostEvents(rows, [samples(B, 5)]);
    expect(next[0]).toBe(rows[0]);
    expect(next[1]).not.toBe(rows[1]);
  });

  it('marks hosts stale on container state changes and asks for a reload on unknown hosts or reset', () => {
    const containerEvent: LiveEvent = {
      type: 'container.state',
      hostId: A,
      containerId: 'abcdefabcdef',
      name: 'web',
      state: 'exited',
      health: 'none',
      removed: false,
      at: '2026-11-23T10:00:00.000Z',
    };
    expect([...applyHostEvents(rows, [containerEvent]).stale]).toEqual([A]);
    const unknown: LiveEvent = {
      type: 'host.status',
      hostId: 'new',
      status: 'online',
      at: '2026-11-23T10:00:00.000Z',
    };
    expect(applyHostEvents(rows, [unknown]).reload).toBe(true);
    expect(applyHostEvents(rows, [{ type: 'reset' }]).reload).toBe(true);
    expect(applyHostEvents(rows, [samples('other', 1)]).reload).toBe(false);
  });

  describe('while hosts are being reloaded', () => {
    const stateOf = (hostId: string): LiveEvent => ({
      type: 'container.state',
      hostId,
      containerId: 'abcdefabcdef',
      name: 'web',
      state: 'exited',
      health: 'none',
      removed: false,
      at: '2026-11-23T10:00:00.000Z',
    });
    const C = '00000000-0000-4000-8000-00000000000c';

    it('holds container changes of a host being refetched, and marks it stale once that lands', () => {
      const during = applyHostEvents(rows, [stateOf(A), stateOf(B)], { all: false, hosts: new Set([A]) });
      expect([...during.stale]).toEqual([B]);
      expect(during.deferred).toEqual([stateOf(A)]);
      const after = applyHostEvents(during.rows, during.deferred);
      expect([...after.stale]).toEqual([A]);
    });

    it('holds events of hosts the reloading list has not brought yet, instead of dropping them', () => {
      const hostC: LiveEvent = {
        type: 'host.status',
        hostId: C,
        status: 'offline',
        at: '2026-11-23T10:02:00.000Z',
      };
      const during = applyHostEvents(rows, [stateOf(C), hostC, samples(C, 5)], {
        all: true,
        hosts: new Set(),
      });
      expect(during.reload).toBe(false);
      expect(during.deferred).toEqual([stateOf(C), hostC]);
      const reloaded = [...rows, makeHost({ id: C, name: 'c', status: 'online' })];
      const after = applyHostEvents(reloaded, during.deferred);
      expect([...after.stale]).toEqual([C]);
      expect(after.rows[2]?.status).toBe('offline');
    });
  });
});
