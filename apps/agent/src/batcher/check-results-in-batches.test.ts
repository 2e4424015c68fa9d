import { makeCheckResults } from '@berth/protocol/testing';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../cli/logger.js';
import { emptyBatchContent } from './batch-source.js';
import { prepareBatches } from './prepare-batches.js';

const limits = { maxItemsPerBatch: 4, maxFrameBytes: 4 * 1024 * 1024 };
const results = makeCheckResults({
  containerName: 'web',
  count: 6,
  baseTime: Date.parse('2026-12-07T00:00:00Z'),
});

describe('check results in batches', () => {
  it('are cut across batches in order like every other item, and absent where a part has none', () => {
    const parts = prepareBatches({ ...emptyBatchContent(), checkResults: results }, limits, silentLogger());
    expect(parts.map((part) => part.checkResults?.length)).toEqual([4, 2]);
    expect(parts.flatMap((part) => part.checkResults ?? [])).toEqual(results);
    const plain = prepareBatches(
      {
        ...emptyBatchContent(),
        events: [
          {
            containerId: 'abcdef012345',
            ts: results[0]?.ts ?? '',
            action: 'start',
            attributes: {},
            count: 1,
          },
        ],
      },
      limits,
      silentLogger(),
    );
    expect(plain).toHaveLength(1);
    expect('checkResults' in (plain[0] ?? {})).toBe(false);
  });

  it('drops an invalid result, not the batch', () => {
    const bad = [...results.slice(0, 2), { ...results[2], name: 'Bad Name' } as never];
    const [part, ...rest] = prepareBatches(
      { ...emptyBatchContent(), checkResults: bad },
      limits,
      silentLogger(),
    );
    expect(rest).toEqual([]);
    expect(part?.checkResults).toEqual(results.slice(0, 2));
  });
});
