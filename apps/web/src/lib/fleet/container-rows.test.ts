import { describe, expect, it } from 'vitest';
import { defaultOrder, filterContainers, sortContainers, uptimeMs } from './container-rows';
import { makeContainer } from './testing/fleet-fixtures';

const reading = (cpuPct: number, memBytes: number) => ({ sampledAt: 'x', cpuPct, memBytes, memLimit: 0 });
const list = [
  makeContainer({
    containerId: '1',
    name: 'api',
    image: 'ghcr.io/acme/api:2',
    current: reading(50, 300),
    restartCount: 2,
  }),
  makeContainer({
    containerId: '2',
    name: 'web',
    image: 'nginx:1.27',
    current: reading(5, 900),
    health: 'healthy',
  }),
  makeContainer({
    containerId: '3',
    name: 'cron',
    image: 'busybox',
    state: 'exited',
    health: 'none',
    restartCount: 7,
  }),
];
const names = (items: readonly { name: string }[]) => items.map((item) => item.name);

describe('filterContainers', () => {
  it('filters by name and image substrings, state and health', () => {
    expect(names(filterContainers(list, { q: 'WE', image: '', states: [], health: [] }))).toEqual(['web']);
    expect(names(filterContainers(list, { q: '', image: 'acme', states: [], health: [] }))).toEqual(['api']);
    expect(names(filterContainers(list, { q: '', image: '', states: ['exited'], health: [] }))).toEqual([
      'cron',
    ]);
    expect(names(filterContainers(list, { q: '', image: '', states: [], health: ['healthy'] }))).toEqual([
      'web',
    ]);
  });
});

describe('sortContainers', () => {
  it('sorts by CPU, memory and restarts with missing readings last', () => {
    expect(names(sortContainers(list, 'cpu', 'desc'))).toEqual(['api', 'web', 'cron']);
    expect(names(sortContainers(list, 'memory', 'desc'))).toEqual(['web', 'api', 'cron']);
    expect(names(sortContainers(list, 'memory', 'asc'))).toEqual(['api', 'web', 'cron']);
    expect(names(sortContainers(list, 'restarts', 'desc'))).toEqual(['cron', 'api', 'web']);
  });

  it('sorts by state with running first, then by name', () => {
    expect(names(sortContainers(list, 'state', 'asc'))).toEqual(['api', 'web', 'cron']);
    expect(names(sortContainers(list, 'name', 'desc'))).toEqual(['web', 'cron', 'api']);
  });

  it('defaults to busiest first for measures and A to Z otherwise', () => {
    expect(defaultOrder('cpu')).toBe('desc');
    expect(defaultOrder('name')).toBe('asc');
  });
});

describe('uptimeMs', () => {
  it('counts from the start while running, and is null once stopped', () => {
    const now = Date.parse('2026-11-20T01:00:10.000Z');
    expect(uptimeMs({ state: 'running', startedAt: '2026-11-20T00:00:10.000Z' }, now)).toBe(3_600_000);
    expect(uptimeMs({ state: 'exited', startedAt: '2026-11-20T00:00:10.000Z' }, now)).toBeNull();
  });
});
