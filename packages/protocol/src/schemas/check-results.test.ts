import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { decodeAgentFrame } from '../decode-frame.js';
import { encodeFrame } from '../encode-frame.js';
import { LIMITS } from '../limits.js';
import { makeBatchFrame } from '../testing/make-batch-frame.js';
import { makeCheckResults } from '../testing/make-check-results.js';
import { ZBatchFrameSchema } from './batch.js';

const results = makeCheckResults({
  containerName: 'web',
  count: 3,
  baseTime: Date.parse('2026-12-07T00:00:00Z'),
});

/** The batch schema as gateways before issue 16 had it: every field but `checkResults`. */
const { checkResults: _added, ...olderShape } = ZBatchFrameSchema.shape;
const ZOlderBatchFrameSchema = z.object(olderShape);

describe('batch.checkResults', () => {
  it('is optional: a batch of an agent that predates it is still valid', () => {
    const older = makeBatchFrame({ seq: 1, containers: 2 });
    expect('checkResults' in older).toBe(false);
    const decoded = decodeAgentFrame(encodeFrame(older));
    expect(decoded.ok).toBe(true);
  });

  it('travels in a batch and decodes as sent', () => {
    const batch = { ...makeBatchFrame({ seq: 2, containers: 1 }), checkResults: results };
    const decoded = decodeAgentFrame(encodeFrame(batch));
    expect(decoded).toMatchObject({ ok: true, frame: { checkResults: results } });
  });

  it('is ignored, not refused, by a gateway that predates it', () => {
    const batch = { ...makeBatchFrame({ seq: 3, containers: 1 }), checkResults: results };
    const parsed = z.safeParse(ZOlderBatchFrameSchema, batch);
    expect(parsed.success).toBe(true);
    expect(parsed.data && 'checkResults' in parsed.data).toBe(false);
  });

  it('names the field of a bad result', () => {
    const bad = [
      { ...results[0], name: 'Not A Name' },
      { ...results[1], status: 'sideways' },
    ];
    const batch = { ...makeBatchFrame({ seq: 4, containers: 1 }), checkResults: bad };
    const decoded = decodeAgentFrame(encodeFrame(batch as never));
    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.reason).toMatch(/^batch\.checkResults\[0\]\.name: expected a check name/);
    const parsed = z.safeParse(ZBatchFrameSchema, batch);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'checkResults.0.name',
      'checkResults.1.status',
    ]);
  });

  it('counts against maxItemsPerBatch with every other array', () => {
    const batch = makeBatchFrame({ seq: 5, containers: 0, inventory: 'none', events: 0 });
    const many = makeCheckResults({ containerName: 'web', count: LIMITS.maxItemsPerBatch, baseTime: 0 });
    const decoded = decodeAgentFrame(encodeFrame({ ...batch, checkResults: many }), {
      maxFrameBytes: 64 * 1024 * 1024,
    });
    expect(decoded).toMatchObject({ ok: false, reason: expect.stringMatching(/exceed maxItemsPerBatch/) });
  });
});
