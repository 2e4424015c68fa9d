import { describe, expect, it } from 'vitest';
import { expiryInstant, formatLabels, optionalWholeNumber, ZLabelsTextSchema } from './form-parsing';

describe('ZLabelsTextSchema', () => {
  it('reads comma- or line-separated key=value pairs, trimming spaces; empty text is no labels', () => {
    expect(ZLabelsTextSchema.parse('env=prod, team = web\nregion=eu-west/1')).toEqual({
      env: 'prod',
      team: 'web',
      region: 'eu-west/1',
    });
    expect(ZLabelsTextSchema.parse('  ')).toEqual({});
    expect(ZLabelsTextSchema.parse('canary=')).toEqual({ canary: '' });
  });

  it('names the entry it cannot read', () => {
    const result = ZLabelsTextSchema.safeParse('env=prod, just-a-word');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('"just-a-word" is not key=value');
    expect(ZLabelsTextSchema.safeParse('-bad=1').success).toBe(false);
  });

  it('round-trips with formatLabels', () => {
    const labels = { env: 'prod', team: 'web' };
    expect(ZLabelsTextSchema.parse(formatLabels(labels))).toEqual(labels);
  });

  it('refuses more than 32 labels, as the API does', () => {
    const text = Array.from({ length: 33 }, (_, index) => `k${index}=v`).join(',');
    expect(ZLabelsTextSchema.safeParse(text).error?.issues[0]?.message).toBe('at most 32 labels');
  });
});

describe('expiryInstant', () => {
  it('adds the chosen lifetime to now', () => {
    const now = Date.parse('2026-11-23T12:00:00.000Z');
    expect(expiryInstant('24h', now)).toBe('2026-11-24T12:00:00.000Z');
    expect(expiryInstant('7d', now)).toBe('2026-11-30T12:00:00.000Z');
  });
});

describe('optionalWholeNumber', () => {
  it('is null when empty, a number in range, else an issue saying the range', () => {
    const schema = optionalWholeNumber(1, 100_000);
    expect(schema.parse('')).toBeNull();
    expect(schema.parse(' 25 ')).toBe(25);
    expect(schema.safeParse('0').error?.issues[0]?.message).toBe(
      'Enter a whole number from 1 to 100000, or leave it empty',
    );
    expect(schema.safeParse('2.5').success).toBe(false);
  });
});
