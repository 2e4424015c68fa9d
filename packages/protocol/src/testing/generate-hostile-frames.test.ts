import { describe, expect, it } from 'vitest';
import { decodeAgentFrame } from '../decode-frame.js';
import { generateHostileFrames, listHostileCases } from './generate-hostile-frames.js';
import type { HostileCategory } from './hostile-types.js';

const key = (raw: string | Buffer) => (typeof raw === 'string' ? raw : `buffer:${raw.toString('base64')}`);

describe('generateHostileFrames', () => {
  const frames = generateHostileFrames(1_000, 42);

  it('makes at least 1,000 frames that each name their case and close code', () => {
    expect(frames).toHaveLength(1_000);
    expect(new Set(frames.map((frame) => frame.name)).size).toBe(1_000);
    expect(frames.every((frame) => !frame.schemaValid && frame.expectedCloseCode !== null)).toBe(true);
  });

  it('rejects every one with its expected close code and accepts none', () => {
    const wrong = frames
      .map((frame) => ({ frame, result: decodeAgentFrame(frame.raw) }))
      .filter(({ frame, result }) => result.ok || result.closeCode !== frame.expectedCloseCode)
      .map(({ frame, result }) => `${frame.name}: ${result.ok ? 'accepted' : result.closeCode}`);
    expect(wrong).toEqual([]);
  });

  it('covers every category, with 4002 only for hellos sent first', () => {
    const categories = new Set<HostileCategory>(frames.map((frame) => frame.category));
    for (const category of [
      'json',
      'encoding',
      'top-level',
      'envelope',
      'prototype',
      'version',
      'size',
      'items',
    ] as const) {
      expect(categories).toContain(category);
    }
    for (const category of ['nesting', 'field', 'cross-field'] as const)
      expect(categories).toContain(category);
    const versionFrames = frames.filter((frame) => frame.expectedCloseCode === 4002);
    expect(versionFrames.length).toBeGreaterThan(0);
    expect(versionFrames.every((frame) => frame.phase === 'handshake')).toBe(true);
  });

  it('contains every distinct case once the count reaches the number of cases', () => {
    const cases = listHostileCases();
    const names = new Set(
      generateHostileFrames(cases.length, 1).map((frame) => frame.name.replace(/ #\d+$/, '')),
    );
    expect(names.size).toBe(cases.length);
  });

  it('is deterministic for a seed and varies with it', () => {
    const again = generateHostileFrames(1_000, 42);
    expect(again.map((frame) => key(frame.raw))).toEqual(frames.map((frame) => key(frame.raw)));
    const other = generateHostileFrames(1_000, 43);
    const differing = other.filter((frame, i) => key(frame.raw) !== key(frames[i]?.raw ?? ''));
    expect(differing.length).toBeGreaterThan(500);
  });

  it('builds size and item cases just past the limits it is given', () => {
    const limits = { maxFrameBytes: 64 * 1024, maxItemsPerBatch: 100 };
    const small = generateHostileFrames(1_000, 7, { limits });
    const sized = small.filter((frame) => frame.category === 'size' || frame.category === 'items');
    expect(sized.length).toBeGreaterThan(0);
    for (const frame of sized) {
      expect(decodeAgentFrame(frame.raw, limits)).toMatchObject({ ok: false, closeCode: 4000 });
      const bytes = typeof frame.raw === 'string' ? Buffer.byteLength(frame.raw) : frame.raw.byteLength;
      expect(bytes).toBeLessThan(2 * limits.maxFrameBytes + 64 * 1024);
    }
  });

  it('flags schema-valid hostile frames, which the decoder accepts', () => {
    const withValid = generateHostileFrames(2_000, 3, { includeSchemaValid: true });
    const valid = withValid.filter((frame) => frame.schemaValid);
    expect(valid.length).toBeGreaterThan(0);
    for (const frame of valid) {
      expect(frame.expectedCloseCode).toBeNull();
      expect(decodeAgentFrame(frame.raw)).toMatchObject({ ok: true });
    }
  });
});
