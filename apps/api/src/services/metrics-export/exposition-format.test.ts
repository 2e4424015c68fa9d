import { describe, expect, it } from 'vitest';
import { escapeLabelValue, formatValue, negotiateFormat, timestampSuffix } from './exposition-format.js';
import { renderExposition } from './render-exposition.js';

describe('exposition format', () => {
  it('negotiates OpenMetrics only when Accept prefers it', () => {
    expect(negotiateFormat(undefined)).toBe('prometheus');
    expect(negotiateFormat('*/*')).toBe('prometheus');
    expect(negotiateFormat('application/openmetrics-text; version=1.0.0')).toBe('openmetrics');
    expect(negotiateFormat('application/openmetrics-text;q=0.4,text/plain;q=0.9')).toBe('prometheus');
    expect(negotiateFormat('application/openmetrics-text;q=0,text/plain;q=0.1')).toBe('prometheus');
    expect(
      negotiateFormat('application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1'),
    ).toBe('openmetrics');
  });

  it('escapes backslash, double quote and newline in label values, nothing else', () => {
    expect(escapeLabelValue('plain-value_1.2:3')).toBe('plain-value_1.2:3');
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    expect(escapeLabelValue('tab\tand ünïcode')).toBe('tab\tand ünïcode');
  });

  it('writes timestamps in ms (0.0.4) and seconds (OpenMetrics), values exactly', () => {
    expect(timestampSuffix('prometheus', 1_700_000_000_123.4)).toBe(' 1700000000123');
    expect(timestampSuffix('openmetrics', 1_700_000_000_123)).toBe(' 1700000000.123');
    expect(formatValue(123456789012)).toBe('123456789012');
    expect(formatValue(0.1)).toBe('0.1');
    expect(formatValue(Number.POSITIVE_INFINITY)).toBe('+Inf');
  });

  it('writes each family once, HELP before TYPE, and an empty organisation still answers', () => {
    const { chunks, series } = renderExposition(
      { hosts: [], containers: [], alertsFiring: 0, rules: [], checks: [], updates: [] },
      'prometheus',
    );
    const body = Buffer.concat(chunks).toString('utf8');
    expect(series).toBe(1);
    expect(body).toContain(
      '# HELP berth_alerts_firing Alerts of the organisation that are firing now.\n# TYPE berth_alerts_firing gauge\nberth_alerts_firing 0\n',
    );
    const types = body.split('\n').filter((line) => line.startsWith('# TYPE '));
    expect(new Set(types).size).toBe(types.length);
  });
});
