import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type SeededOrg, seedOrg, type TestDatabase } from '../testing/index.js';
import { withOrgOn } from '../with-org-client.js';
import { BatchColumns, textFloat4, timestampMicros, WRITE_BATCH_ROWS } from './index.js';

// The binary parameters must store what the text parameters stored (array literals, each value
// as String(value), each time as the agent's text): for random batches, one organisation is
// written through BatchColumns and another through the text path (node-postgres' own array
// serialisation), and every stored row must be the same, value for value.

let database: TestDatabase;
let owner: pg.Client;
let binaryOrg: SeededOrg;
let textOrg: SeededOrg;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = new pg.Client({ connectionString: database.adminUrl });
  await owner.connect();
  binaryOrg = await seedOrg(database.db);
  textOrg = await seedOrg(database.db);
});

afterAll(async () => {
  await owner?.end();
  await database?.drop();
});

type Value = number | string | null;
type Op =
  | { kind: 'cs'; c: string; ts: string; v: number[]; cpus: number | undefined }
  | { kind: 'hs'; ts: string; v: number[]; disks: string }
  | { kind: 'ev'; c: string; ts: string; action: string; attributes: string; count: number }
  | {
      kind: 'lg';
      c: string;
      ts: string;
      stream: string;
      line: string;
      dropped: number;
      seq: number;
      no: number;
    }
  | { kind: 'gap'; from: number; to: number }
  | { kind: 'advance'; seq: number };

const NUL = String.fromCharCode(0);
const PIECES = [
  'a',
  'Z',
  ' ',
  ',',
  '{',
  '}',
  '"',
  '\\',
  'NULL',
  '\t',
  '\n',
  'ü',
  '✓',
  '🚢',
  NUL,
  "'",
  '\u00a0',
];
// Lone surrogates only in plain text: JSON.stringify escapes them and jsonb refuses that (either path).
const TEXT_ONLY = ['\ud800', '\udc00x'];

function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function generate(random: () => number, rows: number): Op[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const text = (extra: readonly string[] = []) =>
    Array.from({ length: Math.floor(random() * 6) }, () => pick([...PIECES, ...extra])).join('');
  const base = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 86_400_000 * (1 + Math.floor(random() * 4));
  const time = (): string => {
    const iso = new Date(base + Math.floor(random() * 86_400) * 1000).toISOString().slice(0, 19);
    const edge = random();
    // Up to 12 fraction digits: PostgreSQL rounds to µs half to even, and .9999995 carries a second.
    if (edge < 0.05) return `${iso.slice(0, 11)}23:59:59.9999996Z`;
    if (edge < 0.1) return `${iso}.${pick(['0000005', '0000015', '0000025', '1234565', '9999995'])}Z`;
    if (edge < 0.12) return `${iso}.${'9'.repeat(127)}1Z`;
    const digits = Math.floor(random() * 13);
    const fraction = Array.from({ length: digits }, () => Math.floor(random() * 10)).join('');
    return digits === 0 ? `${iso}Z` : `${iso}.${fraction}Z`;
  };
  const real = (max: number): number => {
    const edge = random();
    if (edge < 0.1) return pick([0, -0, 1e-7, 1e-45, 1.4e-45, max, 0.1, 1 + 2 ** -24, 3 + 3 * 2 ** -23]);
    if (edge < 0.3) {
      // Exactly halfway between two floats: where fround and float4in may disagree.
      const f = Math.fround(random() * max);
      const g = Math.fround(f * (1 + 2 ** -23));
      return f === g ? f : (f + g) / 2;
    }
    if (edge < 0.5) return Math.round(random() * max * 100) / 100;
    return random() * max;
  };
  const count = (): number =>
    pick([0, 1, Number.MAX_SAFE_INTEGER, Math.floor(random() * 2 ** 53), Math.floor(random() * 1e6)]);
  const ops: Op[] = [];
  let seq = 0;
  while (ops.length < rows) {
    const kind = random();
    const c = random() < 0.8 ? pick(['abcdef012345', '0123456789ab']) : text();
    if (kind < 0.5) {
      const v = [real(409_600), ...Array.from({ length: 6 }, count), Math.floor(random() * 2 ** 31)];
      ops.push({ kind: 'cs', c, ts: time(), v, cpus: random() < 0.3 ? undefined : real(1e12) });
    } else if (kind < 0.6) {
      // Disk sums may pass 2^53 (String spells them with zeros) but stay within int8.
      const sum = pick([count(), 2 ** 60, 2 ** 62 + 2 ** 12, 2 ** 63 - 2 ** 10]);
      const v = [real(100), real(1e9), real(1e9), real(1e9), ...Array.from({ length: 4 }, count), sum, sum];
      ops.push({
        kind: 'hs',
        ts: time(),
        v: [...v, count(), count()],
        disks: json([{ mount: text(), used: 1 }]),
      });
    } else if (kind < 0.75) {
      const attributes = json({ [text()]: text(), actor: random() < 0.1 ? 'auto-restart' : text() });
      const action = random() < 0.1 ? 'autoheal_restart' : text();
      ops.push({ kind: 'ev', c, ts: time(), action, attributes, count: 1 + Math.floor(random() * 1000) });
    } else if (kind < 0.97) {
      const line = text(TEXT_ONLY);
      const dropped = random() < 0.1 ? Math.floor(random() * 2 ** 31) : 0;
      const stream = pick(['stdout', 'stderr']);
      ops.push({ kind: 'lg', c, ts: time(), stream, line, dropped, seq: seq + 1, no: ops.length });
    } else {
      seq += 1 + Math.floor(random() * 3);
      ops.push({ kind: 'gap', from: seq, to: seq + Math.floor(random() * 5) });
      seq += 5;
    }
  }
  ops.push({ kind: 'advance', seq: seq + 1 });
  return ops;
}

const json = (value: unknown) => JSON.stringify(value).replace(/\\u0000/g, '\\ufffd');

function binaryParams(orgId: string, hostId: string, ops: Op[]): (string | Buffer)[] {
  const columns = new BatchColumns();
  const host = columns.host(hostId);
  for (const op of ops) {
    if (op.kind === 'cs') {
      const [
        cpuPct = 0,
        memBytes = 0,
        memLimit = 0,
        netRx = 0,
        netTx = 0,
        blkRead = 0,
        blkWrite = 0,
        pids = 0,
      ] = op.v;
      const values = { containerId: op.c, cpuPct, memBytes, memLimit, netRx, netTx, blkRead, blkWrite, pids };
      columns.containerSample(host, { ...values, cpuSeconds: op.cpus }, timestampMicros(op.ts));
    } else if (op.kind === 'hs') {
      const [cpuPct = 0, load1 = 0, load5 = 0, load15 = 0, memUsed = 0, memTotal = 0, swapUsed = 0] = op.v;
      const [swapTotal = 0, du = 0, dt = 0, netRx = 0, netTx = 0] = op.v.slice(7);
      const values = { cpuPct, load1, load5, load15, memUsed, memTotal, swapUsed, swapTotal, netRx, netTx };
      columns.hostSample(host, values, timestampMicros(op.ts), du, dt, op.disks);
    } else if (op.kind === 'ev') {
      columns.event(host, op.c, timestampMicros(op.ts), op.action, op.attributes, op.count);
    } else if (op.kind === 'lg') {
      columns.log(host, op.c, timestampMicros(op.ts), op.stream, op.line, op.dropped, op.seq, op.no);
    } else if (op.kind === 'gap') columns.gap(host, op.from, op.to);
    else columns.advance(host, op.seq);
  }
  return columns.params(orgId);
}

/** The text path as it was: every column a JS array that node-postgres writes as an array literal. */
function textParams(orgId: string, hostId: string, ops: Op[]): unknown[] {
  const clean = (text: string) => text.replaceAll(NUL, '\uFFFD');
  const group = (size: number): Value[][] => Array.from({ length: size }, () => []);
  const [cs, hs, ev, lg, gaps, marks, sampled] = [12, 15, 6, 8, 3, 2, 2].map(group);
  const push = (columns: Value[][] | undefined, values: Value[]) =>
    values.forEach((value, i) => {
      columns?.[i]?.push(value);
    });
  for (const op of ops) {
    if (op.kind === 'cs') push(cs, [1, clean(op.c), op.ts, ...op.v, op.cpus ?? null]);
    else if (op.kind === 'hs') push(hs, [1, op.ts, ...op.v, op.disks]);
    else if (op.kind === 'ev') push(ev, [1, clean(op.c), op.ts, clean(op.action), op.attributes, op.count]);
    else if (op.kind === 'lg')
      push(lg, [1, clean(op.c), op.ts, clean(op.stream), clean(op.line), op.dropped, op.seq, op.no]);
    else if (op.kind === 'gap') push(gaps, [1, op.from, op.to]);
    else push(marks, [1, op.seq]);
    if (op.kind === 'cs' || op.kind === 'hs') push(sampled, [1, op.ts]);
  }
  return [orgId, [hostId], ...[cs, hs, ev, lg, gaps, marks, sampled].flatMap((columns) => columns ?? [])];
}

async function write(orgId: string, values: unknown[]): Promise<void> {
  const client = await database.pool.connect();
  try {
    await withOrgOn(client, orgId, (tx) => tx.query(WRITE_BATCH_ROWS, values));
  } finally {
    client.release();
  }
}

// Every stored column but the ids that differ between the two organisations, as PostgreSQL
// prints it (shortest exact digits for real and double, microseconds for times).
const STORED = `
  SELECT 'cs' AS t, (to_jsonb(x) - 'org_id' - 'host_id')::text AS r FROM container_samples x WHERE host_id = $1
  UNION ALL SELECT 'hs', (to_jsonb(x) - 'org_id' - 'host_id')::text FROM host_samples x WHERE host_id = $1
  UNION ALL SELECT 'ev', (to_jsonb(x) - 'org_id' - 'host_id' - 'id')::text FROM container_events x WHERE host_id = $1
  UNION ALL SELECT 'lg', (to_jsonb(x) - 'org_id' - 'host_id' - 'id')::text FROM container_logs x WHERE host_id = $1
  UNION ALL SELECT 'dirty', minute::text FROM rollup_dirty_minutes WHERE host_id = $1
  UNION ALL SELECT 'gap', (to_jsonb(x) - 'org_id' - 'host_id' - 'id' - 'reported_at')::text FROM ingest_gaps x WHERE host_id = $1
  UNION ALL SELECT 'seq', last_seq::text FROM hosts WHERE id = $1
  UNION ALL SELECT 'audit', (to_jsonb(x) - 'id' - 'org_id' - 'target_id' - 'details')::text || (x.details - 'hostId')::text
    FROM audit_logs x WHERE target_id LIKE $1 || '/%'
  ORDER BY 1, 2`;

async function stored(hostId: string): Promise<string[]> {
  const { rows } = await owner.query<{ t: string; r: string }>(STORED, [hostId]);
  return rows.map((row) => `${row.t} ${row.r}`);
}

async function clear(): Promise<void> {
  for (const table of ['container_samples', 'host_samples', 'container_events', 'container_logs']) {
    await owner.query(`DELETE FROM ${table} WHERE org_id = ANY($1)`, [[binaryOrg.orgId, textOrg.orgId]]);
  }
  for (const table of ['rollup_dirty_minutes', 'ingest_gaps', 'audit_logs']) {
    await owner.query(`DELETE FROM ${table} WHERE org_id = ANY($1)`, [[binaryOrg.orgId, textOrg.orgId]]);
  }
  await owner.query('UPDATE hosts SET last_seq = 0 WHERE id = ANY($1)', [[binaryOrg.hostId, textOrg.hostId]]);
}

describe('WRITE_BATCH_ROWS with binary parameters', () => {
  const seed = Date.now() % 1_000_000;

  it(`stores exactly what the text parameters stored, for random batches (seed ${seed})`, async () => {
    const random = rng(seed);
    for (let round = 0; round < 12; round += 1) {
      await clear();
      const ops = generate(random, 50 + Math.floor(random() * 300));
      await write(binaryOrg.orgId, binaryParams(binaryOrg.orgId, binaryOrg.hostId, ops));
      await write(textOrg.orgId, textParams(textOrg.orgId, textOrg.hostId, ops));
      const [binary, text] = [await stored(binaryOrg.hostId), await stored(textOrg.hostId)];
      expect(binary.length).toBeGreaterThan(ops.length);
      expect(binary, `round ${round}`).toEqual(text);
    }
  });

  it('refuses what the text path refused: an int beyond int4, a real that underflows to 0, int8 overflow', async () => {
    const at = Date.now() * 1000;
    const sample = {
      containerId: 'abcdef012345',
      cpuPct: 1,
      memBytes: 1,
      memLimit: 1,
      netRx: 1,
      netTx: 1,
      blkRead: 1,
      blkWrite: 1,
      pids: 1,
    };
    const columns = new BatchColumns();
    const host = columns.host(binaryOrg.hostId);
    expect(() => columns.containerSample(host, { ...sample, pids: 2 ** 31 }, at)).toThrow(/integer/);
    expect(() => columns.containerSample(host, { ...sample, cpuPct: 1e-46 }, at)).toThrow(/real/);
    const hostSample = { cpuPct: 1, load1: 1, load5: 1, load15: 1, memUsed: 1, memTotal: 1 };
    const swapAndNet = { swapUsed: 1, swapTotal: 1, netRx: 1, netTx: 1 };
    expect(() => columns.hostSample(host, { ...hostSample, ...swapAndNet }, at, 2 ** 63, 1, '[]')).toThrow(
      /bigint/,
    );
    for (const [column, value] of [
      ['pids', 2 ** 31],
      ['cpuPct', 1e-46],
    ] as const) {
      const ops = generate(rng(1), 1).filter((op) => op.kind === 'advance');
      const values = textParams(textOrg.orgId, textOrg.hostId, [
        { kind: 'cs', c: 'abcdef012345', ts: new Date().toISOString(), v: [1, 1, 1, 1, 1, 1, 1, 1], cpus: 1 },
        ...ops,
      ]);
      const index = column === 'pids' ? 12 : 5;
      values[index] = [value];
      await expect(write(textOrg.orgId, values)).rejects.toThrow(/out of range/);
    }
  });

  it('refuses a time with more fraction digits than PostgreSQL reads, as the text path did', async () => {
    const long = `${new Date().toISOString().slice(0, 19)}.${'1'.repeat(129)}Z`;
    expect(() => timestampMicros(long)).toThrow(/timestamp/);
    const values = textParams(textOrg.orgId, textOrg.hostId, [
      { kind: 'cs', c: 'abcdef012345', ts: long, v: [1, 1, 1, 1, 1, 1, 1, 1], cpus: 1 },
    ]);
    await expect(write(textOrg.orgId, values)).rejects.toThrow(/invalid input syntax/);
  });

  it('rounds a real as float4in rounds String(value), ties included', () => {
    // 1 + 2^-24 is halfway between 1 and 1 + 2^-23; it prints as 1.0000000596046448, above it.
    expect(textFloat4(1 + 2 ** -24)).toBe(1 + 2 ** -23);
    expect(Math.fround(1 + 2 ** -24)).toBe(1);
    expect(textFloat4(-0)).toBe(0);
    expect(Object.is(textFloat4(-0), 0)).toBe(true);
    expect(textFloat4(1e-45)).toBe(Math.fround(1e-45));
  });

  it('reads times as PostgreSQL reads them, to the microsecond, half to even', () => {
    const second = Date.UTC(2026, 11, 7, 10, 0, 0) * 1000;
    expect(timestampMicros('2026-12-07T10:00:00Z')).toBe(second);
    expect(timestampMicros('2026-12-07T10:00:00.5Z')).toBe(second + 500_000);
    expect(timestampMicros('2026-12-07T10:00:00.123456789Z')).toBe(second + 123_457);
    expect(timestampMicros('2026-12-07T09:59:59.9999999Z')).toBe(second);
    expect(timestampMicros('2000-02-29T00:00:00Z')).toBe(Date.UTC(2000, 1, 29) * 1000);
    expect(timestampMicros('not a time')).toBeNaN();
  });
});
