import { describe, expect, it } from 'vitest';
import { likeLiteral } from './evaluation/conditions/log-pattern.js';
import type { ContainerObject, HostObject } from './evaluation/load-objects.js';
import { containerInScope, hostInScope } from './evaluation/match-scope.js';
import { fingerprintOf } from './evaluation/observation.js';
import { HostQueue } from './events/host-queue.js';
import { groupKeyOf } from './notify/enqueue-notification.js';
import { RETRY_CAP_MS, retryDelayMs } from './notify/retry-delay.js';

const host: HostObject = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'edge-1',
  labels: { env: 'prod', zone: 'a' },
  status: 'online',
  agentVersion: '1.0.0',
  lastSeenAt: null,
};
const container = (fields: Partial<ContainerObject>): ContainerObject => ({
  hostId: host.id,
  shortId: 'abcdef012345',
  name: 'web-1',
  labels: {},
  state: 'running',
  health: 'none',
  exitCode: null,
  finishedAt: null,
  groupIds: [],
  stoppedByBerth: false,
  ...fields,
  key: `${fields.hostId ?? host.id}/${fields.shortId ?? 'abcdef012345'}`,
});

describe('scope', () => {
  it('ANDs its members; a host label without a value matches any value', () => {
    expect(hostInScope({ hostLabels: [{ key: 'env' }] }, host)).toBe(true);
    expect(hostInScope({ hostLabels: [{ key: 'env', value: 'dev' }] }, host)).toBe(false);
    expect(hostInScope({ hostIds: [host.id], hostLabels: [{ key: 'zone', value: 'a' }] }, host)).toBe(true);
    expect(
      containerInScope({ containerName: 'web-*', hostLabels: [{ key: 'env' }] }, host, container({})),
    ).toBe(true);
    expect(containerInScope({ containerName: 'db-?' }, host, container({}))).toBe(false);
    expect(containerInScope({ groupIds: ['g1'] }, host, container({ groupIds: ['g2', 'g1'] }))).toBe(true);
  });

  it('never includes a container labelled berth.alerts=false (any case), whatever the scope', () => {
    expect(containerInScope({}, host, container({ labels: { 'berth.alerts': 'FALSE' } }))).toBe(false);
    expect(containerInScope({}, host, container({ labels: { 'berth.alerts': 'true' } }))).toBe(true);
  });
});

describe('keys', () => {
  it('fingerprints by rule and object; groups by the rule and its group_by labels', () => {
    expect(fingerprintOf('r1', 'container:h:web')).toBe(fingerprintOf('r1', 'container:h:web'));
    expect(fingerprintOf('r1', 'container:h:web')).not.toBe(fingerprintOf('r2', 'container:h:web'));
    const labels = { rule: 'died', host: 'edge-1', container: 'web-1', severity: 'warning' };
    expect(groupKeyOf({ id: 'r1', groupBy: ['rule', 'host'] }, labels)).toEqual({
      key: 'r1:{rule="died",host="edge-1"}',
      groupLabels: { rule: 'died', host: 'edge-1' },
    });
    expect(groupKeyOf({ id: 'r1', groupBy: ['kind'] }, labels).key).toBe('r1:{kind=""}');
  });
});

describe('retry delay', () => {
  it("takes the receiver's Retry-After (capped), else doubles from 5 s with ±20 % jitter up to the cap", () => {
    expect(retryDelayMs(1, 30_000)).toBe(30_000);
    expect(retryDelayMs(1, 10 * 3_600_000)).toBe(RETRY_CAP_MS);
    expect(retryDelayMs(1, null, () => 0.5)).toBe(5_000);
    expect(retryDelayMs(3, null, () => 0.5)).toBe(20_000);
    expect(retryDelayMs(3, null, () => 0)).toBe(16_000);
    expect(retryDelayMs(3, null, () => 1)).toBe(24_000);
    expect(retryDelayMs(30, null, () => 1)).toBe(RETRY_CAP_MS);
  });
});

it('takes LIKE metacharacters of a substring pattern literally', () => {
  expect(likeLiteral('100%_full\\')).toBe('100\\%\\_full\\\\');
});

describe('HostQueue', () => {
  it('evaluates up to `concurrency` organisations at once, never one twice at once, coalescing its hosts', async () => {
    const started: [string, string[]][] = [];
    const release = new Map<string, () => void>();
    const queue = new HostQueue(
      (orgId, hostIds) => {
        started.push([orgId, hostIds]);
        return new Promise<void>((resolve) => release.set(orgId, resolve));
      },
      () => undefined,
      2,
    );
    queue.add('a', 'h1');
    queue.add('b', 'h2');
    queue.add('c', 'h3');
    queue.add('a', 'h4');
    queue.add('a', 'h5');
    expect(started).toEqual([
      ['a', ['h1']],
      ['b', ['h2']],
    ]);
    let idle = false;
    const idled = queue.idle().then(() => {
      idle = true;
    });
    release.get('a')?.();
    // `a` is queued again, but `c` was asked for first.
    await expect.poll(() => started.length).toBe(3);
    expect(started[2]).toEqual(['c', ['h3']]);
    release.get('b')?.();
    await expect.poll(() => started.length).toBe(4);
    expect(started[3]).toEqual(['a', ['h4', 'h5']]);
    release.get('c')?.();
    release.get('a')?.();
    await idled;
    expect(idle).toBe(true);
  });

  it("starts an organisation's evaluations at most once per window; its hosts wait and are evaluated together", async () => {
    const started: { orgId: string; hostIds: string[]; at: number }[] = [];
    const queue = new HostQueue(
      async (orgId, hostIds) => {
        started.push({ orgId, hostIds, at: performance.now() });
      },
      () => undefined,
      2,
      300,
    );
    queue.add('a', 'h1');
    await queue.idle();
    queue.add('a', 'h2');
    queue.add('a', 'h3');
    queue.add('a', 'h2');
    // Another organisation's window is its own.
    queue.add('b', 'h9');
    expect(started.map(({ orgId, hostIds }) => [orgId, hostIds])).toEqual([
      ['a', ['h1']],
      ['b', ['h9']],
    ]);
    // idle() includes the hosts waiting for their window.
    await queue.idle();
    expect(started.map(({ orgId, hostIds }) => [orgId, hostIds])).toEqual([
      ['a', ['h1']],
      ['b', ['h9']],
      ['a', ['h2', 'h3']],
    ]);
    const [first, , second] = started;
    // Timers run on whole milliseconds: one early at most.
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(299);
  });

  it('an urgent host starts its organisation at once, taking the hosts waiting for the window along', async () => {
    const started: [string, string[]][] = [];
    const queue = new HostQueue(
      async (orgId, hostIds) => {
        started.push([orgId, hostIds]);
      },
      () => undefined,
      2,
      // Longer than expect.poll waits: an urgent host that waited for it would fail the test.
      60_000,
    );
    queue.add('a', 'h1');
    await queue.idle();
    queue.add('a', 'h2');
    expect(started).toEqual([['a', ['h1']]]);
    queue.add('a', 'h3', true);
    await expect.poll(() => started.length).toBe(2);
    expect(started[1]).toEqual(['a', ['h2', 'h3']]);
    await queue.idle();
    // The window starts again from the urgent evaluation: the next plain host waits.
    queue.add('a', 'h4');
    expect(started).toHaveLength(2);
    queue.add('a', 'h5', true);
    await expect.poll(() => started.length).toBe(3);
    expect(started[2]).toEqual(['a', ['h4', 'h5']]);
  });

  it('an urgent organisation goes ahead of those queued, and may take one slot more than the concurrency', async () => {
    const started: string[] = [];
    const release = new Map<string, () => void>();
    const heard = new Map<string, ReadonlyMap<string, number>>();
    const queue = new HostQueue(
      (orgId, _hostIds, heardAt) => {
        started.push(orgId);
        heard.set(orgId, heardAt);
        return new Promise<void>((resolve) => release.set(orgId, resolve));
      },
      () => undefined,
      1,
    );
    queue.add('a', 'h1');
    queue.add('b', 'h2');
    // `a` runs and takes the only slot; `b` waits for it, but `c` is urgent: it starts at once.
    queue.add('c', 'h3', true);
    expect(started).toEqual(['a', 'c']);
    // A second urgent one waits too: one slot more, not one per urgent organisation.
    queue.add('d', 'h4', true);
    expect(started).toEqual(['a', 'c']);
    release.get('a')?.();
    // The urgent `d` goes ahead of `b`, asked for first.
    await expect.poll(() => started).toEqual(['a', 'c', 'd']);
    // `b` waits until the urgent ones left it a slot of the concurrency.
    release.get('c')?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['a', 'c', 'd']);
    release.get('d')?.();
    await expect.poll(() => started).toEqual(['a', 'c', 'd', 'b']);
    release.get('b')?.();
    await queue.idle();
    // Each host comes with when it was first asked for.
    expect([...(heard.get('c')?.keys() ?? [])]).toEqual(['h3']);
    expect(heard.get('c')?.get('h3')).toBeLessThanOrEqual(Date.now());
  });
});
