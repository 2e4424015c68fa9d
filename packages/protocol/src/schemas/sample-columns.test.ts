import { describe, expect, it } from 'vitest';
import { decodeGatewayFrame } from '../decode-frame.js';
import { makeBatchFrame } from '../testing/make-batch-frame.js';
import { makeWelcomeFrame } from '../testing/make-frames.js';
import { timestampMicros } from '../timestamp-micros.js';
import { toContainerSampleColumns, ZContainerSampleColumnsSchema } from './sample-columns.js';
import { CONTAINER_SAMPLE_NUMBERS, ZContainerSampleSchema } from './samples.js';

const samples = makeBatchFrame({ containers: 3 }).containerSamples;
const CANDIDATES: unknown[] = [
  0,
  -0,
  -1,
  -Number.MIN_VALUE,
  0.5,
  1.5,
  4096,
  2 ** 31,
  Number.MAX_SAFE_INTEGER,
  2 ** 53,
  1e300,
  Number.POSITIVE_INFINITY,
  Number.NaN,
  '1',
  null,
  true,
  [],
];

describe('containerSampleColumns', () => {
  it('accepts exactly the numbers the row schema accepts, field by field (one definition of the bounds)', () => {
    for (const [field, bounds] of Object.entries(CONTAINER_SAMPLE_NUMBERS)) {
      const values = [...CANDIDATES, bounds.max, bounds.max + 1, bounds.max - 0.5, bounds.min];
      for (const value of values) {
        const row = ZContainerSampleSchema.safeParse({ ...samples[1], [field]: value }).success;
        const columns = toContainerSampleColumns(samples) as Record<string, unknown[]>;
        (columns[field] as unknown[])[1] = value;
        const result = ZContainerSampleColumnsSchema.safeParse(columns);
        // A null cpuSeconds entry is the column's "absent", as a missing key is the row's.
        const expected = field === 'cpuSeconds' && value === null ? true : row;
        expect([field, value, result.success]).toEqual([field, value, expected]);
        if (!result.success) expect(result.error.issues[0]?.path).toEqual([field, 1]);
      }
    }
  });

  it('carries each ISO time as the microseconds the database stores for it', () => {
    const columns = toContainerSampleColumns([
      { ...(samples[0] as (typeof samples)[0]), ts: '2026-12-07T10:00:00.1234565Z' },
    ]);
    expect(columns.tsMicros).toEqual([timestampMicros('2026-12-07T10:00:00.1234565Z')]);
    expect(columns.tsMicros[0]).toBe(Date.UTC(2026, 11, 7, 10) * 1000 + 123_456);
  });

  it('leaves cpuSeconds out when no sample has it, and null where one sample lacks it', () => {
    const without = samples.map(({ cpuSeconds: _, ...rest }) => rest);
    expect(toContainerSampleColumns(without).cpuSeconds).toBeUndefined();
    const mixed = toContainerSampleColumns([samples[0] as (typeof samples)[0], ...without.slice(1)]);
    expect(mixed.cpuSeconds).toEqual([samples[0]?.cpuSeconds, null, null]);
    expect(ZContainerSampleColumnsSchema.safeParse(mixed).success).toBe(true);
  });

  it('is named in a welcome an older agent can read: unknown encodings are dropped', () => {
    const welcome = { ...makeWelcomeFrame(), encodings: ['columnar', 'msgpack', 'json'] };
    const decoded = decodeGatewayFrame(JSON.stringify(welcome));
    expect(decoded.ok && decoded.frame.type === 'welcome' && decoded.frame.encodings).toEqual([
      'columnar',
      'json',
    ]);
  });
});
