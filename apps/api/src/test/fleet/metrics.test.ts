import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../api-harness.js';
import { addContainer, addHost, call, type FleetWorld, startFleetApi } from './fleet-world.js';
import { type ContainerSampleInput, type HostSampleInput, ingest } from './ingest-rows.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let harness: TestApi;
let world: FleetWorld;
let hostId: string;
let containerId: string;
/** Start of the samples: an hour boundary three hours ago. */
let t0: number;

/**
 * 30 minutes of samples every 10 s: in minute m the six samples have CPU 10·j + m (j = 0…5),
 * so each minute averages 25 + m and peaks at 50 + m; memory is (m + 1) MB all minute; the
 * network counter grows 1,000 B/s and resets to 0 at minute 20; block reads grow 500 B/s.
 */
function containerSamples(): ContainerSampleInput[] {
  return Array.from({ length: 180 }, (_, i) => {
    const m = Math.floor(i / 6);
    const j = i % 6;
    const seconds = i * 10;
    return {
      containerId,
      ts: new Date(t0 + seconds * 1000),
      cpuPct: 10 * j + m,
      memBytes: 1_000_000 * (m + 1),
      memLimit: 64_000_000,
      netRx: 1000 * (m < 20 ? seconds : seconds - 1200),
      blkRead: 500 * seconds,
    };
  });
}

function hostSamples(): HostSampleInput[] {
  return Array.from({ length: 60 }, (_, i) => ({
    ts: new Date(t0 + i * 10_000),
    cpuPct: 10 * (i % 6),
    load1: 2,
    memUsed: 4_000_000,
    memTotal: 8_000_000,
    diskUsed: 100 + i,
    diskTotal: 1000,
    netRx: 2000 * i * 10,
    netTx: 0,
  }));
}

beforeAll(async () => {
  ({ harness, world } = await startFleetApi());
  hostId = await addHost(harness.database, world.orgId);
  containerId = await addContainer(harness.database, world.orgId, hostId);
  t0 = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR;
  await ingest(harness.database, world.orgId, hostId, { containerSamples: containerSamples() });
  await ingest(harness.database, world.orgId, hostId, { hostSamples: hostSamples() });
});
afterAll(() => harness?.stop());

const iso = (ms: number) => new Date(ms).toISOString();
const containerMetrics = (query: string) =>
  call(
    harness,
    'GET',
    `/api/v1/hosts/${hostId}/containers/${containerId}/metrics?${query}`,
    world.viewerToken,
  );

describe('container metrics', () => {
  it('serves raw samples for short ranges, with byte rates that are null across a counter reset', async () => {
    const response = await containerMetrics(`from=${iso(t0)}&to=${iso(t0 + 30 * MINUTE)}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ resolution: 'raw', stepSeconds: 1, from: iso(t0) });
    expect(body.t).toHaveLength(180);
    expect(body.t.slice(0, 2)).toEqual([t0, t0 + 10_000]);
    expect(body.cpu.slice(0, 7)).toEqual([0, 10, 20, 30, 40, 50, 1]);
    expect(body.memory[6]).toBe(2_000_000);
    expect(body.memoryLimit[0]).toBe(64_000_000);
    expect(body.netRx[0]).toBeNull();
    expect(body.netRx[1]).toBe(1000);
    expect(body.netRx[120]).toBeNull(); // minute 20: the counter went back to 0
    expect(body.netRx[121]).toBe(1000);
    expect(body.netRx.every((rate: number | null) => rate === null || rate >= 0)).toBe(true);
    expect(body.blkRead[120]).toBe(500);
    for (const key of ['cpuMax', 'memoryMax', 'netTx', 'blkWrite'])
      expect(body[key], key).toHaveLength(body.t.length);
  });

  it('averages 1-minute rollups as sum / samples and keeps the maxima', async () => {
    const response = await containerMetrics(`from=${iso(t0)}&to=${iso(t0 + 30 * MINUTE)}&resolution=1m`);
    const body = response.json();
    expect(body).toMatchObject({ resolution: '1m', stepSeconds: 60 });
    expect(body.t).toEqual(Array.from({ length: 30 }, (_, m) => t0 + m * MINUTE));
    expect(body.cpu).toEqual(Array.from({ length: 30 }, (_, m) => 25 + m));
    expect(body.cpuMax).toEqual(Array.from({ length: 30 }, (_, m) => 50 + m));
    expect(body.memory[3]).toBe(4_000_000);
    expect(body.netRx[0]).toBeNull();
    expect(body.netRx.slice(1, 20)).toEqual(Array(19).fill(1000));
    expect(body.netRx[20]).toBeNull();
    expect(body.netRx[21]).toBe(1000);
  });

  it('chooses 1-minute rollups for a day and 1-hour rollups for longer ranges', async () => {
    const day = (await containerMetrics(`from=${iso(t0 - 20 * HOUR)}&to=${iso(t0 + 4 * HOUR)}`)).json();
    expect(day).toMatchObject({ resolution: '1m', stepSeconds: 60 });
    expect(day.t).toHaveLength(30);
    const tenDays = (
      await containerMetrics(`from=${iso(t0 - 10 * 24 * HOUR)}&to=${iso(t0 + 2 * HOUR)}`)
    ).json();
    expect(tenDays).toMatchObject({ resolution: '1h', stepSeconds: 3600 });
    expect(tenDays.t).toEqual([t0]);
    expect(tenDays.cpu).toEqual([39.5]); // the mean of 25…54 over all 180 samples
    expect(tenDays.cpuMax).toEqual([79]);
  });

  it('merges rollup buckets into wider bins by their sums and sample counts', async () => {
    const body = (
      await containerMetrics(`from=${iso(t0)}&to=${iso(t0 + 30 * MINUTE)}&resolution=1m&step=300`)
    ).json();
    expect(body.stepSeconds).toBe(300);
    expect(body.cpu).toEqual([27, 32, 37, 42, 47, 52]);
    expect(body.netRx[1]).toBe(1000);
  });

  it('bins raw samples when the range holds more points than a chart needs', async () => {
    const body = (await containerMetrics(`from=${iso(t0)}&to=${iso(t0 + 30 * MINUTE)}&step=60`)).json();
    expect(body).toMatchObject({ resolution: 'raw', stepSeconds: 60 });
    expect(body.cpu).toEqual(Array.from({ length: 30 }, (_, m) => 25 + m));
  });

  it('returns empty columns for a range without samples', async () => {
    const body = (await containerMetrics(`from=${iso(t0 + 2 * HOUR)}&to=${iso(t0 + 3 * HOUR)}`)).json();
    expect(body.t).toEqual([]);
    expect(body.cpu).toEqual([]);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const cases: [string, string][] = [
      [`from=${iso(t0 + HOUR)}&to=${iso(t0)}`, 'from'],
      [`from=${iso(t0 - 401 * 24 * HOUR)}&to=${iso(t0)}`, 'from'],
      ['from=2026-01-01T00:00:00&to=2026-01-02T00:00:00Z', 'from'],
      ['to=yesterday', 'to'],
      [`from=${iso(t0)}&to=${iso(t0 + HOUR)}&step=0`, 'step'],
      [`from=${iso(t0)}&to=${iso(t0 + HOUR)}&resolution=5m`, 'resolution'],
      [`from=${iso(t0 - 10 * 24 * HOUR)}&to=${iso(t0)}&resolution=raw`, 'resolution'],
    ];
    for (const [query, field] of cases) {
      const response = await containerMetrics(query);
      expect(response.statusCode, query).toBe(400);
      const body = response.json();
      expect(body.error.code).toBe('bad_request');
      expect(
        body.error.details.issues.map((issue: { field: string }) => issue.field),
        query,
      ).toContain(field);
    }
    const badId = await call(
      harness,
      'GET',
      `/api/v1/hosts/${hostId}/containers/XYZ/metrics`,
      world.viewerToken,
    );
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.details.issues[0].field).toBe('containerId');
    const unknown = await call(
      harness,
      'GET',
      `/api/v1/hosts/${hostId}/containers/0123456789ab/metrics`,
      world.viewerToken,
    );
    expect(unknown.statusCode).toBe(404);
  });
});

describe('host metrics', () => {
  it('serves CPU, load, memory, disk and network rates from raw samples and rollups', async () => {
    const url = `/api/v1/hosts/${hostId}/metrics?from=${iso(t0)}&to=${iso(t0 + 10 * MINUTE)}`;
    const raw = (await call(harness, 'GET', `${url}&step=60`, world.viewerToken)).json();
    expect(raw).toMatchObject({ resolution: 'raw', stepSeconds: 60 });
    expect(raw.cpu).toEqual(Array(10).fill(25));
    expect(raw.cpuMax).toEqual(Array(10).fill(50));
    expect(raw.load1[0]).toBe(2);
    expect(raw.memUsed[0]).toBe(4_000_000);
    expect(raw.memTotal[0]).toBe(8_000_000);
    expect(raw.diskUsed[1]).toBe(111);
    expect(raw.netRx.slice(1)).toEqual(Array(9).fill(2000));
    const rollup = (await call(harness, 'GET', `${url}&resolution=1m`, world.viewerToken)).json();
    expect(rollup.cpu).toEqual(raw.cpu);
    expect(rollup.netRx).toEqual(raw.netRx);
    expect(rollup.diskUsed).toEqual(raw.diskUsed);
  });

  it('answers 404 for a host that does not exist', async () => {
    const response = await call(
      harness,
      'GET',
      `/api/v1/hosts/${crypto.randomUUID()}/metrics`,
      world.viewerToken,
    );
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });
});
