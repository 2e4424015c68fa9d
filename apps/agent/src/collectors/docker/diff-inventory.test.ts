import type { InventoryContainer } from '@berth/protocol';
import { describe, expect, it } from 'vitest';
import { diffInventory, mergeInventory } from './diff-inventory.js';

function container(n: number, patch: Partial<InventoryContainer> = {}): InventoryContainer {
  return {
    id: String(n).repeat(64).slice(0, 64),
    name: `c${n}`,
    image: 'busybox',
    imageId: `sha256:${'a'.repeat(64)}`,
    labels: {},
    state: 'running',
    health: 'none',
    restartCount: 0,
    ports: [],
    createdAt: '2026-01-01T00:00:00.000000000Z',
    startedAt: '2026-01-01T00:00:01.000000000Z',
    finishedAt: null,
    exitCode: null,
    ...patch,
  };
}
const byId = (containers: InventoryContainer[]) => new Map(containers.map((c) => [c.id, c]));

describe('inventory diff', () => {
  it('lists changed and added containers and the short ids of removed ones', () => {
    const before = byId([container(1), container(2), container(3)]);
    const after = [container(1), container(2, { state: 'exited', exitCode: 0 }), container(4)];
    expect(diffInventory(before, after)).toEqual({
      full: false,
      containers: [container(2, { state: 'exited', exitCode: 0 }), container(4)],
      removed: ['333333333333'],
    });
  });

  it('is null when nothing changed', () => {
    expect(diffInventory(byId([container(1)]), [container(1)])).toBeNull();
  });
});

describe('inventory merge between drains', () => {
  it('keeps a full snapshot full when a diff follows it', () => {
    const full = { full: true, containers: [container(1), container(2)], removed: [] };
    const diff = { full: false, containers: [container(3)], removed: ['222222222222'] };
    expect(mergeInventory(full, diff)).toEqual({
      full: true,
      containers: [container(1), container(3)],
      removed: [],
    });
  });

  it('merges two diffs: the latest record wins and removals accumulate', () => {
    const first = {
      full: false,
      containers: [container(1, { state: 'exited' }), container(2)],
      removed: ['555555555555'],
    };
    const second = {
      full: false,
      containers: [container(1, { state: 'running' })],
      removed: ['222222222222'],
    };
    expect(mergeInventory(first, second)).toEqual({
      full: false,
      containers: [container(1, { state: 'running' })],
      removed: ['555555555555', '222222222222'],
    });
  });

  it('lets a new full snapshot replace whatever was pending', () => {
    const pending = { full: false, containers: [container(1)], removed: ['222222222222'] };
    const full = { full: true, containers: [container(3)], removed: [] };
    expect(mergeInventory(pending, full)).toBe(full);
  });
});
