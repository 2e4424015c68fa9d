import { describe, expect, it } from 'vitest';
import { labelChoices, matchesLabels, parseHostQuery, parseLabelSelector } from './label-selector';

describe('label selectors', () => {
  it('parses key=value and bare keys, keeping "=" inside values', () => {
    expect(parseLabelSelector('env=prod')).toEqual({ key: 'env', value: 'prod' });
    expect(parseLabelSelector('gpu')).toEqual({ key: 'gpu' });
    expect(parseLabelSelector('expr=a=b')).toEqual({ key: 'expr', value: 'a=b' });
  });

  it('splits a filter box into words and selectors', () => {
    expect(parseHostQuery('  Web env=prod label:gpu  ')).toEqual({
      words: ['web'],
      labels: [{ key: 'env', value: 'prod' }, { key: 'gpu' }],
    });
    expect(parseHostQuery('=x').labels).toEqual([]);
  });

  it('requires every selector to match', () => {
    const labels = { env: 'prod', gpu: '' };
    expect(matchesLabels(labels, [{ key: 'env', value: 'prod' }, { key: 'gpu' }])).toBe(true);
    expect(matchesLabels(labels, [{ key: 'env', value: 'staging' }])).toBe(false);
    expect(matchesLabels(labels, [{ key: 'zone' }])).toBe(false);
  });

  it('lists label choices with counts, sorted', () => {
    expect(labelChoices([{ labels: { env: 'prod' } }, { labels: { env: 'prod', az: '1' } }])).toEqual([
      { label: 'az=1', count: 1 },
      { label: 'env=prod', count: 2 },
    ]);
  });
});
