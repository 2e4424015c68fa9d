import { toLogColumns } from '../schemas/log-columns.js';
import { toContainerSampleColumns } from '../schemas/sample-columns.js';
import type { HostileCase, HostileEnv } from './hostile-types.js';
import { makeBatchFrame } from './make-batch-frame.js';
import { makeHelloFrame, makeLogLinesFrame } from './make-frames.js';
import type { Random } from './random.js';

const memo = (env: HostileEnv, key: string, build: () => string | Buffer): string | Buffer => {
  const cached = env.memo.get(key);
  if (cached !== undefined) return cached;
  const made = build();
  env.memo.set(key, made);
  return made;
};

/** A ping padded with an extra field to exactly `bytes` bytes (ASCII). */
function paddedPing(bytes: number): string {
  const head = '{"type":"ping","ts":1,"pad":"';
  return `${head}${'x'.repeat(Math.max(0, bytes - head.length - 2))}"}`;
}

/** A batch that is valid in every field and too big only as a whole. */
function validButHugeBatch(maxBytes: number): string {
  const frame = makeBatchFrame({ containers: 1, logLinesPerContainer: 0, events: 0, inventory: 'none' });
  const line = 'y'.repeat(16_000);
  const entries = Math.ceil(maxBytes / line.length) + 1;
  frame.logs = Array.from({ length: entries }, () => ({
    containerId: '0123456789ab',
    ts: '2025-01-01T00:00:00Z',
    stream: 'stdout' as const,
    line,
  }));
  return JSON.stringify(frame);
}

const sizeCases: HostileCase[] = [
  {
    name: 'one byte over maxFrameBytes',
    category: 'size',
    build: (_r, env) => memo(env, 'pad', () => paddedPing(env.maxFrameBytes + 1)),
  },
  {
    name: 'one byte over maxFrameBytes, as a Buffer',
    category: 'size',
    build: (_r, env) => memo(env, 'pad-buffer', () => Buffer.from(paddedPing(env.maxFrameBytes + 1))),
  },
  {
    name: 'short in UTF-16 units, over in UTF-8 bytes',
    category: 'size',
    build: (_r, env) =>
      memo(
        env,
        'euro',
        () => `{"type":"ping","ts":1,"pad":"${'€'.repeat(Math.ceil(env.maxFrameBytes / 3))}"}`,
      ),
  },
  {
    name: 'valid batch over maxFrameBytes',
    category: 'size',
    build: (_r, env) => memo(env, 'huge', () => validButHugeBatch(env.maxFrameBytes)),
  },
];

const removedIds = (count: number, rng: Random) => Array.from({ length: count }, () => rng.hex(12));
const itemCases: HostileCase[] = [
  {
    name: 'maxItemsPerBatch + 1 removed ids',
    category: 'items',
    build: (rng, env) => {
      const frame = makeBatchFrame({ seq: rng.int(1, 1e6), containers: 0, inventory: 'none' });
      frame.inventory = { full: false, containers: [], removed: removedIds(env.maxItemsPerBatch + 1, rng) };
      return JSON.stringify(frame);
    },
  },
  {
    name: 'item limit exceeded only across arrays',
    category: 'items',
    build: (rng, env) => {
      const half = Math.ceil(env.maxItemsPerBatch / 2);
      const frame = makeBatchFrame({ containers: 1, logLinesPerContainer: 0, events: 0, inventory: 'none' });
      const sample = frame.containerSamples[0];
      frame.containerSamples = sample ? Array.from({ length: half }, () => sample) : [];
      frame.inventory = {
        full: false,
        containers: [],
        removed: removedIds(env.maxItemsPerBatch - half + 1, rng),
      };
      return JSON.stringify(frame);
    },
  },
  {
    name: 'item limit exceeded across rows and sample columns',
    category: 'items',
    build: (_r, env) =>
      memo(env, 'columns', () => {
        const frame = makeBatchFrame({
          containers: 1,
          logLinesPerContainer: 0,
          events: 0,
          inventory: 'none',
        });
        const sample = frame.containerSamples[0];
        const rows = sample
          ? Array.from({ length: env.maxItemsPerBatch - frame.containerSamples.length }, () => sample)
          : [];
        frame.containerSampleColumns = toContainerSampleColumns(
          rows.slice(0, Math.ceil(rows.length / 2) + 1),
        );
        frame.containerSamples = rows.slice(0, Math.floor(rows.length / 2) + 1);
        return JSON.stringify(frame);
      }),
  },
  {
    name: 'item limit exceeded across log rows and log columns',
    category: 'items',
    build: (_r, env) =>
      memo(env, 'log columns', () => {
        const frame = makeBatchFrame({ containers: 0, events: 0, inventory: 'none' });
        const entry = makeBatchFrame({ containers: 1, logLinesPerContainer: 1 }).logs[0];
        const half = Math.floor(env.maxItemsPerBatch / 2) + 1;
        const rows = entry ? Array.from({ length: half }, () => entry) : [];
        frame.logs = rows;
        frame.logColumns = toLogColumns(rows);
        return JSON.stringify(frame);
      }),
  },
  {
    name: 'junk array longer than maxItemsPerBatch',
    category: 'items',
    build: (_r, env) =>
      memo(env, 'junk', () =>
        JSON.stringify({
          ...makeBatchFrame({ containers: 0 }),
          events: new Array(env.maxItemsPerBatch + 1).fill(0),
        }),
      ),
  },
  {
    name: 'log_lines over maxItemsPerBatch',
    category: 'items',
    build: (_r, env) =>
      memo(env, 'live', () => {
        const entry = { ts: '2025-01-01T00:00:00Z', stream: 'stdout' as const, line: 'x' };
        return JSON.stringify(makeLogLinesFrame({ lines: new Array(env.maxItemsPerBatch + 1).fill(entry) }));
      }),
  },
];

const nest = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const nestObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const spliceInto = (json: string, key: string, value: string) =>
  json.replace(`"${key}":`, `"${key}":${value},"_was":`);
const nestingCases: HostileCase[] = [
  {
    name: 'whole frame nested in arrays',
    category: 'nesting',
    build: (rng) => nest(rng.int(1_000, 100_000)),
  },
  {
    name: 'containerSamples nested deep',
    category: 'nesting',
    build: (rng) =>
      spliceInto(
        JSON.stringify(makeBatchFrame({ containers: 1 })),
        'containerSamples',
        nest(rng.int(1_000, 100_000)),
      ),
  },
  {
    name: 'hello host nested deep',
    category: 'nesting',
    phase: 'handshake',
    build: (rng) => spliceInto(JSON.stringify(makeHelloFrame()), 'host', nestObject(rng.int(1_000, 50_000))),
  },
  {
    name: 'type nested deep',
    category: 'nesting',
    build: (rng) => `{"type":${nestObject(rng.int(1_000, 50_000))},"ts":1}`,
  },
];

/** Fields valid one by one, wrong together. */
const gap = (fromSeq: number, toSeq: number, droppedBatches: number, seq = toSeq + 1) =>
  JSON.stringify({ ...makeBatchFrame({ seq, containers: 1 }), gap: { droppedBatches, fromSeq, toSeq } });
const withFirstLogEntry = (edit: (entry: Record<string, unknown>) => void) => {
  const frame = makeBatchFrame({ containers: 1 });
  const entries: Record<string, unknown>[] = frame.logs.map((entry) => ({ ...entry }));
  const first = entries[0];
  if (first) edit(first);
  return JSON.stringify({ ...frame, logs: entries });
};
const crossCases: HostileCase[] = [
  { name: 'gap count disagrees with its range', category: 'cross-field', build: () => gap(5, 7, 2) },
  { name: 'gap range reversed', category: 'cross-field', build: () => gap(9, 7, 3) },
  { name: 'gap reaches the batch seq', category: 'cross-field', build: () => gap(5, 7, 3, 7) },
  { name: 'gap after the batch seq', category: 'cross-field', build: () => gap(5, 7, 3, 2) },
  { name: 'gap of zero batches', category: 'cross-field', build: () => gap(5, 4, 0) },
  {
    name: 'log entry with both line and dropped',
    category: 'cross-field',
    build: () =>
      withFirstLogEntry((entry) => {
        entry.dropped = 3;
      }),
  },
  {
    name: 'log entry with neither line nor dropped',
    category: 'cross-field',
    build: () =>
      withFirstLogEntry((entry) => {
        delete entry.line;
      }),
  },
];

export const STRUCTURE_CASES: readonly HostileCase[] = [
  ...sizeCases,
  ...itemCases,
  ...nestingCases,
  ...crossCases,
];
