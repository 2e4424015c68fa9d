import { channels, createMemoryBus } from '@berth/bus';
import { afterAll, expect, it } from 'vitest';
import { peekOrgEvent, subscribeOrgEvents } from './subscribe-org-events.js';

const bus = createMemoryBus();
afterAll(() => bus.close());

const ORG = '00000000-0000-4000-8000-0000000000aa';
const HOST = '00000000-0000-4000-8000-0000000000bb';

it('marks state, presence and down checks urgent; samples and passing checks wait for the window; other events are ignored', async () => {
  const heard: [string, string, boolean][] = [];
  const unsubscribe = await subscribeOrgEvents(bus, (orgId, hostId, urgent) => {
    heard.push([orgId, hostId, urgent]);
  });
  const events = [
    { type: 'samples', hostId: HOST, host: null, containers: [] },
    { type: 'container.state', hostId: HOST, containerId: 'abcdef012345', state: 'exited' },
    { type: 'host.status', hostId: HOST, status: 'offline' },
    { type: 'checks', hostId: HOST, runs: 2, down: 0 },
    { type: 'checks', hostId: HOST, runs: 2, down: 1 },
    // Not the alerter's: no host to look at.
    { type: 'alert.changed', alertId: HOST, hostId: HOST },
    { type: 'samples', hostId: 'not-a-host' },
  ];
  for (const event of events) await bus.publish(channels.orgEvents(ORG), event);
  await expect.poll(() => heard.length).toBe(5);
  expect(heard.map(([, , urgent]) => urgent)).toEqual([false, true, true, false, true]);
  expect(heard.every(([orgId, hostId]) => orgId === ORG && hostId === HOST)).toBe(true);
  await unsubscribe();
});

it('reads type and host from the first bytes only where that is what JSON.parse would read', () => {
  const samples = JSON.stringify({ type: 'samples', hostId: HOST, host: null, containers: [{ cpuPct: 1 }] });
  expect(peekOrgEvent(samples)).toEqual({ type: 'samples', hostId: HOST });
  // Another order, an escaped character, a type that needs more fields: parsed whole.
  const reordered = JSON.stringify({ hostId: HOST, type: 'samples', extra: 1 });
  expect(peekOrgEvent(reordered)).toEqual(JSON.parse(reordered));
  const escaped = `{"type":"sample\\u0073","hostId":"${HOST}"}`;
  expect(peekOrgEvent(escaped)).toEqual({ type: 'samples', hostId: HOST });
  const checks = JSON.stringify({ type: 'checks', hostId: HOST, runs: 2, down: 1 });
  expect(peekOrgEvent(checks)).toEqual({ type: 'checks', hostId: HOST, runs: 2, down: 1 });
  expect(() => peekOrgEvent('{"type":"checks",')).toThrow(SyntaxError);
});
