import { describe, expect, it } from 'vitest';
import { decodeAgentFrame, decodeGatewayFrame } from '../decode-frame.js';
import { encodeFrame } from '../encode-frame.js';
import { LIMITS } from '../limits.js';
import { makeActionFrame, makeBatchFrame, makeHelloFrame } from '../testing/index.js';
import { ZActionFrameSchema } from './actions.js';
import { ZBatchFrameSchema } from './batch.js';
import { ZLogEntrySchema } from './container-records.js';
import { ZLabelsSchema } from './inventory.js';
import { ZContainerRefSchema, ZShortContainerIdSchema, ZTimestampSchema } from './primitives.js';
import { ZContainerSampleSchema } from './samples.js';

const sample = () => {
  const first = makeBatchFrame({ containers: 1 }).containerSamples[0];
  if (!first) throw new Error('factory made no sample');
  return first;
};
const okSample = (patch: Record<string, unknown>) =>
  ZContainerSampleSchema.safeParse({ ...sample(), ...patch }).success;

describe('ids', () => {
  it('takes only lowercase hex of the right length', () => {
    expect(ZShortContainerIdSchema.safeParse('0123456789ab').success).toBe(true);
    for (const bad of ['0123456789AB', '0123456789a', '0123456789abc', 'ghijklmnopqr', 'ab'.repeat(32)]) {
      expect(ZShortContainerIdSchema.safeParse(bad).success).toBe(false);
    }
    expect(ZContainerRefSchema.safeParse('ab'.repeat(32)).success).toBe(true);
    expect(ZContainerRefSchema.safeParse('ab'.repeat(16)).success).toBe(false);
  });
});

describe('timestamps', () => {
  it('take UTC ISO-8601 with any sub-second precision and nothing else', () => {
    for (const good of ['2025-01-01T00:00:00Z', '2025-01-01T00:00:00.1Z', '2025-01-01T00:00:00.123456789Z']) {
      expect(ZTimestampSchema.safeParse(good).success).toBe(true);
    }
    for (const bad of [
      '2025-01-01',
      '2025-01-01T00:00:00+01:00',
      '2025-01-01 00:00:00Z',
      1_735_689_600_000,
    ]) {
      expect(ZTimestampSchema.safeParse(bad).success).toBe(false);
    }
  });
});

describe('numbers', () => {
  it('refuses NaN, infinities, negatives, fractions and unsafe integers in counters', () => {
    expect(okSample({})).toBe(true);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, -1, 1.5, 2 ** 53, '5']) {
      expect(okSample({ netRx: bad })).toBe(false);
    }
    expect(okSample({ netRx: Number.MAX_SAFE_INTEGER })).toBe(true);
  });

  it('bounds container CPU% at 100 × 4096', () => {
    expect(okSample({ cpuPct: 409_600 })).toBe(true);
    expect(okSample({ cpuPct: 409_600.01 })).toBe(false);
    expect(okSample({ cpuPct: -0.01 })).toBe(false);
  });

  it('takes cumulative CPU seconds when present and a sample without them (agents before the field)', () => {
    expect(okSample({ cpuSeconds: 0 })).toBe(true);
    expect(okSample({ cpuSeconds: 1234.567890123 })).toBe(true);
    const { cpuSeconds, ...older } = sample();
    expect(cpuSeconds).toBeGreaterThan(0);
    const parsed = ZContainerSampleSchema.safeParse(older);
    expect(parsed.success).toBe(true);
    expect(parsed.data).not.toHaveProperty('cpuSeconds');
    for (const bad of [-0.001, Number.NaN, Number.POSITIVE_INFINITY, '12', null, 1.3e13]) {
      expect(okSample({ cpuSeconds: bad })).toBe(false);
    }
    // A whole batch from an old agent (no sample has the field) still decodes.
    const frame = makeBatchFrame({ containers: 3 });
    const oldFrame = {
      ...frame,
      containerSamples: frame.containerSamples.map(({ cpuSeconds: _, ...rest }) => rest),
    };
    expect(decodeAgentFrame(encodeFrame(oldFrame))).toMatchObject({ ok: true });
  });

  it('refuses 1e400 from the wire (JSON.parse makes it Infinity)', () => {
    const text = encodeFrame(makeBatchFrame({ containers: 1 })).replace(/"memBytes":\d+/, '"memBytes":1e400');
    expect(decodeAgentFrame(text)).toMatchObject({ ok: false, closeCode: 4000 });
  });
});

describe('bounded text', () => {
  const line = (text: string) =>
    ZLogEntrySchema.safeParse({
      containerId: '0123456789ab',
      ts: '2025-01-01T00:00:00Z',
      stream: 'stdout',
      line: text,
    });

  it('counts UTF-8 bytes, so multi-byte lines cannot slip past the limit', () => {
    expect(line('x'.repeat(LIMITS.maxLogLineBytes)).success).toBe(true);
    expect(line('x'.repeat(LIMITS.maxLogLineBytes + 1)).success).toBe(false);
    const euros = '€'.repeat(Math.floor(LIMITS.maxLogLineBytes / 3) + 1);
    expect(euros.length).toBeLessThan(LIMITS.maxLogLineBytes);
    expect(line(euros).success).toBe(false);
  });

  it('refuses NUL, which PostgreSQL text cannot store', () => {
    expect(line('before\u0000after').success).toBe(false);
  });
});

describe('labels', () => {
  it('refuse a __proto__ key instead of dropping it', () => {
    const result = ZLabelsSchema.safeParse(JSON.parse('{"app":"web","__proto__":"x"}'));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['__proto__']);
  });

  it('keep constructor and other ordinary keys as data', () => {
    const result = ZLabelsSchema.parse(JSON.parse('{"constructor":"x","toString":"y"}'));
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(result).toEqual({ constructor: 'x', toString: 'y' });
  });

  it('are bounded in count', () => {
    const labels = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
    expect(ZLabelsSchema.safeParse(labels(LIMITS.maxLabels)).success).toBe(true);
    expect(ZLabelsSchema.safeParse(labels(LIMITS.maxLabels + 1)).success).toBe(false);
  });
});

describe('batch', () => {
  it('takes a log entry as a line or as a dropped marker, never both or neither', () => {
    const base = { containerId: '0123456789ab', ts: '2025-01-01T00:00:00Z', stream: 'stderr' };
    expect(ZLogEntrySchema.safeParse({ ...base, line: 'x' }).success).toBe(true);
    expect(ZLogEntrySchema.safeParse({ ...base, dropped: 3 }).success).toBe(true);
    expect(ZLogEntrySchema.safeParse({ ...base, line: 'x', dropped: 3 }).success).toBe(false);
    expect(ZLogEntrySchema.safeParse(base).success).toBe(false);
  });

  it('checks that a gap is consistent and lies before the batch', () => {
    const withGap = (seq: number, fromSeq: number, toSeq: number, droppedBatches: number) =>
      ZBatchFrameSchema.safeParse({
        ...makeBatchFrame({ seq, containers: 1 }),
        gap: { droppedBatches, fromSeq, toSeq },
      }).success;
    expect(withGap(10, 5, 9, 5)).toBe(true);
    expect(withGap(10, 5, 9, 4)).toBe(false);
    expect(withGap(9, 5, 9, 5)).toBe(false);
  });

  it('ignores unknown fields so v1 can grow, and never passes them on', () => {
    const frame = { ...makeBatchFrame({ containers: 1 }), futureField: { a: 1 } };
    const result = decodeAgentFrame(JSON.stringify(frame));
    expect(result.ok && 'futureField' in result.frame).toBe(false);
  });
});

describe('hello', () => {
  it('drops capabilities and encodings it does not know instead of refusing the agent', () => {
    const hello = { ...makeHelloFrame(), capabilities: ['actions', 'gpu'], encodings: ['msgpack', 'json'] };
    const result = decodeAgentFrame(JSON.stringify(hello));
    expect(
      result.ok && result.frame.type === 'hello' && [result.frame.capabilities, result.frame.encodings],
    ).toEqual([['actions'], ['json']]);
  });
});

describe('action', () => {
  const action = (patch: Record<string, unknown>) =>
    ZActionFrameSchema.safeParse({ ...makeActionFrame(), ...patch });

  it('is strict about target and params', () => {
    expect(action({}).success).toBe(true);
    expect(action({ params: { timeoutS: 10, force: true } }).success).toBe(false);
    expect(action({ target: { containerId: '0123456789ab', hostId: 'x' } }).success).toBe(false);
    expect(action({ params: { timeoutS: 3601 } }).success).toBe(false);
  });

  it('matches verbs to targets and params', () => {
    expect(action({ verb: 'stop', target: {}, params: {} }).success).toBe(false);
    expect(action({ verb: 'update', params: {} }).success).toBe(false);
    expect(action({ verb: 'refresh', target: {}, params: {} }).success).toBe(true);
    expect(action({ verb: 'kill', params: { signal: 'SIGKILL' } }).success).toBe(true);
    expect(action({ verb: 'kill', params: { signal: 'kill' } }).success).toBe(false);
    expect(action({ verb: 'stop', params: { signal: 'SIGTERM' } }).success).toBe(false);
  });

  it('takes container.update only with a container and a well-formed image, and its params only there', () => {
    const update = (params: Record<string, unknown>, target: object = { containerId: '0123456789ab' }) =>
      action({ verb: 'container.update', target, params }).success;
    expect(update({ image: 'registry.example:5000/team/app:1.2.4' })).toBe(true);
    expect(update({ image: `app@sha256:${'a'.repeat(64)}`, healthTimeoutS: 30, timeoutS: 5 })).toBe(true);
    expect(update({ image: 'app:1' }, {})).toBe(false);
    expect(update({})).toBe(false);
    for (const image of ['App:1', 'app:1;rm -rf /', 'app@sha256:short', ' app', `app:${'x'.repeat(200)}`]) {
      expect(update({ image }), image).toBe(false);
    }
    expect(update({ image: 'app:1', healthTimeoutS: 1 })).toBe(false);
    expect(action({ verb: 'restart', params: { image: 'app:1' } }).success).toBe(false);
    expect(action({ verb: 'restart', params: { healthTimeoutS: 30 } }).success).toBe(false);
  });

  it('names the rule that failed in the decoder reason', () => {
    const text = JSON.stringify({ ...makeActionFrame(), verb: 'stop', target: {}, params: {} });
    expect(decodeGatewayFrame(text)).toMatchObject({
      reason: 'action.target.containerId: stop needs a container',
    });
  });
});
