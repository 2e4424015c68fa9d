import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '@/lib/api/live-stream';
import { applyContainerEvents } from './apply-container-events';
import { makeContainer } from './testing/fleet-fixtures';

const HOST = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const list = [
  makeContainer({ containerId: 'aaaaaaaaaaaa', name: 'web' }),
  makeContainer({ containerId: 'bbbbbbbbbbbb', name: 'worker', state: 'exited', startedAt: null }),
];

function state(
  containerId: string,
  overrides: Partial<Extract<LiveEvent, { type: 'container.state' }>> = {},
): LiveEvent {
  return {
    type: 'container.state',
    hostId: HOST,
    containerId,
    name: 'web',
    state: 'running',
    health: 'healthy',
    removed: false,
    at: '2026-11-23T10:00:00.000Z',
    ...overrides,
  };
}

describe('applyContainerEvents', () => {
  it('applies state and health, and starts the uptime of a container that started', () => {
    const { containers } = applyContainerEvents(list, [state('bbbbbbbbbbbb', { name: 'worker' })]);
    expect(containers[1]).toMatchObject({
      state: 'running',
      health: 'healthy',
      startedAt: '2026-11-23T10:00:00.000Z',
    });
    expect(containers[0]).toBe(list[0]);
  });

  it('drops the reading of a container that stopped, and the row of one removed', () => {
    const withReading = [
      { ...list[0], current: { sampledAt: 'x', cpuPct: 5, memBytes: 1, memLimit: 2 } },
    ] as typeof list;
    expect(
      applyContainerEvents(withReading, [state('aaaaaaaaaaaa', { state: 'exited' })]).containers[0]?.current,
    ).toBeNull();
    const removed = applyContainerEvents(list, [state('aaaaaaaaaaaa', { removed: true })]);
    expect(removed.containers.map((c) => c.name)).toEqual(['worker']);
    expect(removed.reload).toBe(false);
  });

  it('sets CPU and memory from samples of the container’s host only', () => {
    const sample = (hostId: string): LiveEvent => ({
      type: 'samples',
      hostId,
      at: '2026-11-23T10:00:10.000Z',
      host: null,
      containers: [{ containerId: 'aaaaaaaaaaaa', cpuPct: 12.5, memBytes: 1024, memLimit: 4096 }],
    });
    expect(applyContainerEvents(list, [sample(HOST)]).containers[0]?.current).toEqual({
      sampledAt: '2026-11-23T10:00:10.000Z',
      cpuPct: 12.5,
      memBytes: 1024,
      memLimit: 4096,
    });
    expect(applyContainerEvents(list, [sample(OTHER)]).containers[0]?.current).toBeNull();
  });

  it('asks for a reload when a container it does not hold appears, unless out of scope', () => {
    expect(applyContainerEvents(list, [state('cccccccccccc')]).reload).toBe(true);
    expect(
      applyContainerEvents(list, [state('cccccccccccc', { hostId: OTHER })], (id) => id === HOST).reload,
    ).toBe(false);
    expect(applyContainerEvents(list, [state('cccccccccccc', { removed: true })]).reload).toBe(false);
  });

  it('keeps a known state when the event carries one the console does not know', () => {
    expect(
      applyContainerEvents(list, [state('aaaaaaaaaaaa', { state: 'hibernating' })]).containers[0]?.state,
    ).toBe('running');
  });
});
