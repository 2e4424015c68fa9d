import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../api-harness.js';
import {
  addContainer,
  addHost,
  call,
  createFleetWorld,
  type FleetWorld,
  ownerRows,
  startFleetApi,
} from './fleet-world.js';
import { type EventInput, ingest, type LogInput } from './ingest-rows.js';

let harness: TestApi;
let world: FleetWorld;
let hostId: string;
let containerId: string;
let otherContainer: string;
let t0: number;

type Line = { ts: string; stream: string; line: string; dropped: number };

beforeAll(async () => {
  ({ harness, world } = await startFleetApi());
  hostId = await addHost(harness.database, world.orgId, { name: 'logs-host' });
  containerId = await addContainer(harness.database, world.orgId, hostId, { name: 'web' });
  otherContainer = await addContainer(harness.database, world.orgId, hostId, { name: 'db' });
  t0 = Date.now() - 3_600_000;
  // 30 lines over 3 batches; lines of one batch share a timestamp (ordered by line_no);
  // one marker for 7 lines the agent's rate cap dropped.
  const logs: LogInput[] = [];
  for (let batch = 1; batch <= 3; batch += 1) {
    for (let lineNo = 0; lineNo < 10; lineNo += 1) {
      logs.push({
        containerId,
        ts: new Date(t0 + batch * 10_000),
        stream: lineNo % 3 === 0 ? 'stderr' : 'stdout',
        line: `b${batch} l${lineNo} ${lineNo === 4 ? 'ERROR 100% disk_full' : 'ok'}`,
        batchSeq: batch,
        lineNo,
      });
    }
  }
  logs.push({ containerId, ts: new Date(t0 + 35_000), dropped: 7, batchSeq: 4, lineNo: 0 });
  logs.push({
    containerId: otherContainer,
    ts: new Date(t0 + 10_000),
    line: 'other ERROR',
    batchSeq: 1,
    lineNo: 99,
  });
  await ingest(harness.database, world.orgId, hostId, { logs });
  const events: EventInput[] = Array.from({ length: 7 }, (_, i) => ({
    containerId: i < 5 ? containerId : otherContainer,
    ts: new Date(t0 + i * 1000),
    action: i % 2 === 0 ? 'start' : 'die',
    attributes: { exitCode: String(i) },
  }));
  // Two events identical but for their attributes, at the same instant: both must be listed.
  events.push({ containerId, ts: new Date(t0 + 10_000), action: 'oom', attributes: { n: '1' } });
  events.push({ containerId, ts: new Date(t0 + 10_000), action: 'oom', attributes: { n: '2' } });
  await ingest(harness.database, world.orgId, hostId, { events });
});
afterAll(() => harness?.stop());

const logsUrl = () => `/api/v1/hosts/${hostId}/containers/${containerId}/logs`;

async function allPages<T>(url: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const response = await call(
      harness,
      'GET',
      `${url}${cursor ? `&cursor=${cursor}` : ''}`,
      world.viewerToken,
    );
    expect(response.statusCode, response.body).toBe(200);
    const page: { items: T[]; nextCursor: string | null } = response.json();
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe('container logs', () => {
  it('pages newest first through lines sharing timestamps, with the dropped marker', async () => {
    const lines = await allPages<Line>(`${logsUrl()}?limit=4`);
    expect(lines).toHaveLength(31);
    expect(lines[0]).toEqual({
      ts: new Date(t0 + 35_000).toISOString(),
      stream: 'stdout',
      line: '',
      dropped: 7,
    });
    expect(lines.slice(1, 3).map((l) => l.line)).toEqual(['b3 l9 ok', 'b3 l8 ok']);
    expect(lines[30]?.line).toBe('b1 l0 ok');
  });

  it('pages oldest first too, and the two orders are mirror images', async () => {
    const oldest = await allPages<Line>(`${logsUrl()}?order=asc&limit=7`);
    const newest = await allPages<Line>(`${logsUrl()}?limit=7`);
    expect(oldest).toEqual([...newest].reverse());
    const mixed = (await call(harness, 'GET', `${logsUrl()}?limit=2`, world.viewerToken)).json();
    const wrongOrder = await call(
      harness,
      'GET',
      `${logsUrl()}?order=asc&cursor=${mixed.nextCursor}`,
      world.viewerToken,
    );
    expect(wrongOrder.statusCode).toBe(400);
  });

  it('searches literally and case-insensitively, keeps markers, and filters by stream and time', async () => {
    const found = await allPages<Line>(`${logsUrl()}?q=${encodeURIComponent('error 100% DISK_')}`);
    expect(found.map((l) => l.line)).toEqual([
      '',
      'b3 l4 ERROR 100% disk_full',
      'b2 l4 ERROR 100% disk_full',
      'b1 l4 ERROR 100% disk_full',
    ]);
    expect(await allPages<Line>(`${logsUrl()}?q=${encodeURIComponent('b_ l%')}`)).toEqual([
      expect.objectContaining({ dropped: 7 }),
    ]);
    const stderr = await allPages<Line>(`${logsUrl()}?stream=stderr`);
    expect(stderr.every((l) => l.stream === 'stderr')).toBe(true);
    expect(stderr).toHaveLength(12);
    const window = `from=${new Date(t0 + 25_000).toISOString()}&to=${new Date(t0 + 30_001).toISOString()}`;
    const third = await allPages<Line>(`${logsUrl()}?${window}`);
    expect(new Set(third.map((l) => l.line.slice(0, 2)))).toEqual(new Set(['b3']));
  });

  it('resumes exactly between lines microseconds apart (the cursor keeps the stored precision)', async () => {
    const micro = await addContainer(harness.database, world.orgId, hostId, { name: 'micro' });
    const base = new Date(t0).toISOString().slice(0, 23);
    for (const [suffix, line] of [
      ['100', 'first'],
      ['200', 'second'],
      ['300', 'third'],
    ]) {
      await ownerRows(
        harness.database,
        `INSERT INTO container_logs (org_id, host_id, container_id, ts, stream, line, batch_seq, line_no)
         VALUES ($1::uuid, $2::uuid, $3, $4::timestamptz, 'stdout', $5, 9, 0)`,
        world.orgId,
        hostId,
        micro,
        `${base}${suffix}Z`,
        line,
      );
    }
    const lines = await allPages<Line>(`/api/v1/hosts/${hostId}/containers/${micro}/logs?limit=1`);
    expect(lines.map((l) => l.line)).toEqual(['third', 'second', 'first']);
  });

  it('refuses bad input with 400 naming the field, and unknown containers with 404', async () => {
    for (const [query, field] of [
      ['stream=stdin', 'stream'],
      ['limit=5000', 'limit'],
      ['order=up', 'order'],
      [`from=${new Date().toISOString()}&to=${new Date(t0).toISOString()}`, 'from'],
      ['cursor=%%%', 'cursor'],
    ]) {
      const response = await call(harness, 'GET', `${logsUrl()}?${query}`, world.viewerToken);
      expect(response.statusCode, query).toBe(400);
      const fields = response.json().error.details.issues.map((issue: { field: string }) => issue.field);
      expect(fields, query).toContain(field);
    }
    const unknown = await call(
      harness,
      'GET',
      `/api/v1/hosts/${hostId}/containers/abcdefabcdef/logs`,
      world.viewerToken,
    );
    expect(unknown.statusCode).toBe(404);
  });
});

describe('events', () => {
  type Event = {
    ts: string;
    containerId: string;
    containerName: string;
    hostName: string;
    action: string;
    attributes: Record<string, string>;
  };
  const since = () => `from=${new Date(t0 - 1000).toISOString()}`;

  it('lists events newest first across pages, identical-but-for-attributes ones included', async () => {
    const events = await allPages<Event>(`/api/v1/events?${since()}&limit=2`);
    expect(events).toHaveLength(9);
    expect(events.slice(0, 2).map((e) => e.action)).toEqual(['oom', 'oom']);
    expect(new Set(events.slice(0, 2).map((e) => e.attributes.n))).toEqual(new Set(['1', '2']));
    expect(events[2]).toMatchObject({
      action: 'start',
      containerName: 'db',
      hostName: 'logs-host',
      attributes: { exitCode: '6' },
    });
    const times = events.map((e) => Date.parse(e.ts));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('filters by host, container, action and time', async () => {
    const byContainer = await allPages<Event>(
      `/api/v1/events?${since()}&hostId=${hostId}&containerId=${otherContainer}`,
    );
    expect(byContainer.map((e) => e.attributes.exitCode)).toEqual(['6', '5']);
    const dies = await allPages<Event>(`/api/v1/events?${since()}&action=die`);
    expect(dies.map((e) => e.attributes.exitCode)).toEqual(['5', '3', '1']);
    const early = await allPages<Event>(`/api/v1/events?${since()}&to=${new Date(t0 + 2000).toISOString()}`);
    expect(early.map((e) => e.attributes.exitCode)).toEqual(['1', '0']);
    const elsewhere = await allPages<Event>(`/api/v1/events?${since()}&hostId=${crypto.randomUUID()}`);
    expect(elsewhere).toEqual([]);
  });

  it('filters by container name across pages, only within the organisation', async () => {
    // Another organisation's container of the same name, with an event in the window.
    const stranger = await createFleetWorld(harness.database);
    const strangerHost = await addHost(harness.database, stranger.orgId, { name: 'stranger-host' });
    const strangerWeb = await addContainer(harness.database, stranger.orgId, strangerHost, { name: 'web' });
    await ingest(harness.database, stranger.orgId, strangerHost, {
      events: [{ containerId: strangerWeb, ts: new Date(t0 + 500), action: 'start', attributes: {} }],
    });
    const web = await allPages<Event>(`/api/v1/events?${since()}&containerName=web&limit=2`);
    expect(web).toHaveLength(7);
    expect(new Set(web.map((e) => [e.containerId, e.containerName, e.hostName].join()))).toEqual(
      new Set([[containerId, 'web', 'logs-host'].join()]),
    );
    const db = await allPages<Event>(
      `/api/v1/events?${since()}&hostId=${hostId}&containerName=db&action=start`,
    );
    expect(db.map((e) => e.attributes.exitCode)).toEqual(['6']);
    expect(await allPages<Event>(`/api/v1/events?${since()}&containerName=nope`)).toEqual([]);
    expect(
      await allPages<Event>(`/api/v1/events?${since()}&containerName=web&containerId=${otherContainer}`),
    ).toEqual([]);
  });

  it('refuses bad filters with 400 naming the field', async () => {
    for (const [query, field] of [
      ['hostId=1', 'hostId'],
      ['containerId=short', 'containerId'],
      [`containerName=${'n'.repeat(256)}`, 'containerName'],
      [`from=${new Date(Date.now() - 401 * 86_400_000).toISOString()}`, 'from'],
    ]) {
      const response = await call(harness, 'GET', `/api/v1/events?${query}`, world.viewerToken);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.details.issues.map((issue: { field: string }) => issue.field)).toContain(
        field,
      );
    }
  });
});
