import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisBus, type RedisBusOptions } from '../create-redis-bus.js';
import type { Bus } from '../types.js';
import {
  createCapturingLogger,
  createCollector,
  deleteKeysWithPrefix,
  openAdminConnection,
  REDIS_URL,
  randomPrefix,
  waitUntil,
} from './helpers.js';

const prefix = randomPrefix();
let admin: Redis;
const open: Bus[] = [];

function openBus(name: string, options: RedisBusOptions = {}) {
  const { logger, entries } = createCapturingLogger();
  const bus = createRedisBus(REDIS_URL, { logger, prefix, name: `${prefix}${name}`, ...options });
  open.push(bus);
  return { bus, log: entries };
}

async function clientIds(name: string): Promise<string[]> {
  const list = String(await admin.client('LIST'));
  return list
    .split('\n')
    .filter((line) => line.includes(` name=${name} `))
    .map((line) => /^id=(\d+)/.exec(line)?.[1] ?? '');
}

/** Kills exactly our connection (CLIENT KILL TYPE pubsub would hit every subscriber on the server). */
async function killConnection(name: string): Promise<string> {
  const [id] = await clientIds(name);
  if (!id) throw new Error(`no client named ${name}`);
  expect(await admin.client('KILL', 'ID', id)).toBe(1);
  return id;
}

beforeAll(() => {
  admin = openAdminConnection();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((bus) => bus.close()));
});
afterAll(async () => {
  await deleteKeysWithPrefix(admin, prefix);
  await admin.quit();
});

describe('redis bus', () => {
  it('resubscribes channels and patterns after its subscriber connection is killed', async () => {
    const { bus } = openBus('resub');
    const direct = createCollector();
    const pattern = createCollector();
    await bus.subscribe('host:h1:actions', direct.handler);
    await bus.psubscribe('org:*:events', pattern.handler);
    const killed = await killConnection(`${prefix}resub:sub`);

    await waitUntil(async () => (await clientIds(`${prefix}resub:sub`)).some((id) => id && id !== killed));
    await waitUntil(async () => (await admin.publish(`${prefix}host:h1:actions`, '"probe"')) > 0);
    await waitUntil(async () => (await admin.publish(`${prefix}org:o1:events`, '"probe"')) > 0);
    await bus.publish('host:h1:actions', { verb: 'restart' });
    await bus.publish('org:o1:events', { kind: 'host_online' });
    await waitUntil(() => direct.received.some((r) => r.message !== 'probe'));
    await waitUntil(() => pattern.received.some((r) => r.message !== 'probe'));
    expect(direct.received.at(-1)).toEqual({ message: { verb: 'restart' }, channel: 'host:h1:actions' });
    expect(pattern.received.at(-1)).toEqual({ message: { kind: 'host_online' }, channel: 'org:o1:events' });
  });

  it('keeps working after its command connection is killed', async () => {
    const { bus } = openBus('cmdkill');
    await bus.setKey('k', 'v', 60_000);
    await killConnection(`${prefix}cmdkill:cmd`);
    expect(await bus.getKey('k')).toBe('v');
  });

  it('lets two bus instances (two processes) see each other', async () => {
    const { bus: gateway } = openBus('gw');
    const { bus: api } = openBus('api');
    const inbox = createCollector();
    await gateway.subscribe('gateway:gw-1:actions', inbox.handler);
    expect(await api.publish('gateway:gw-1:actions', { id: 'a1' })).toBe(1);
    await inbox.waitFor(1);

    await gateway.setKey('presence:host:h1', 'gw-1', 60_000);
    expect(await api.getKey('presence:host:h1')).toBe('gw-1');
    await api.setKey('presence:host:h1', 'gw-2', 60_000);
    expect(await gateway.deleteKeyIf('presence:host:h1', 'gw-1')).toBe(false);

    const id = await gateway.appendEvent('stream:org:o1:events', { n: 1 }, 100);
    const { events } = await api.readEventsAfter('stream:org:o1:events', '0-0', 10);
    expect(events).toEqual([{ id, event: { n: 1 } }]);
  });

  it('shares one Redis subscription between handlers and drops it with the last one', async () => {
    const { bus } = openBus('shared');
    const channel = `${prefix}shared`;
    const numsub = async () => Number((await admin.pubsub('NUMSUB', channel))[1]);
    const first = await bus.subscribe('shared', () => {});
    const second = await bus.subscribe('shared', () => {});
    expect(await numsub()).toBe(1);
    await first();
    expect(await numsub()).toBe(1);
    await second();
    expect(await numsub()).toBe(0);
  });

  it('ends subscribed when an unsubscribe and a new subscribe race on one channel', async () => {
    const { bus } = openBus('race');
    const inbox = createCollector();
    const unsubscribe = await bus.subscribe('race', () => {});
    await Promise.all([unsubscribe(), bus.subscribe('race', inbox.handler)]);
    expect(await bus.publish('race', 'still here')).toBe(1);
    await inbox.waitFor(1);
  });

  it('reports a malformed message and keeps delivering', async () => {
    const { bus, log } = openBus('malformed');
    const inbox = createCollector();
    await bus.subscribe('raw', inbox.handler);
    await admin.publish(`${prefix}raw`, 'not json {');
    await bus.publish('raw', { ok: true });
    await inbox.waitFor(1);
    expect(inbox.received).toEqual([{ message: { ok: true }, channel: 'raw' }]);
    expect(log).toMatchObject([{ level: 'warn', context: { channel: 'raw', preview: 'not json {' } }]);
  });

  it('keeps names under its prefix, escaping glob characters of the prefix in patterns', async () => {
    const odd = `${prefix}[x]*?:`;
    const { bus } = openBus('odd', { prefix: odd });
    const { bus: plain } = openBus('plain');
    const inbox = createCollector();
    await bus.psubscribe('org:*:events', inbox.handler);
    await plain.publish('org:o1:events', 'other prefix');
    await bus.publish('org:o1:events', 'same prefix');
    await inbox.waitFor(1);
    expect(inbox.received).toEqual([{ message: 'same prefix', channel: 'org:o1:events' }]);
    await bus.setKey('presence:host:h9', 'gw-9', 60_000);
    expect(await admin.get(`${odd}presence:host:h9`)).toBe('gw-9');
  });

  it('fails commands fast while Redis is unreachable, logs each connection error once, closes cleanly', async () => {
    const { logger, entries } = createCapturingLogger();
    const bus = createRedisBus('redis://127.0.0.1:1', { logger, prefix, maxRetriesPerRequest: 1 });
    open.push(bus);
    const started = Date.now();
    await expect(bus.publish('nowhere', 1)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(entries.map((e) => e.context.connection).sort()).toEqual(['berth:cmd', 'berth:sub']);
    await bus.close();
  });

  it('closes both connections', async () => {
    const { bus } = openBus('close');
    await bus.subscribe('c', () => {});
    await bus.getKey('c');
    expect(await clientIds(`${prefix}close:cmd`)).toHaveLength(1);
    await bus.close();
    await waitUntil(async () => (await clientIds(`${prefix}close:cmd`)).length === 0);
    await waitUntil(async () => (await clientIds(`${prefix}close:sub`)).length === 0);
  });
});
