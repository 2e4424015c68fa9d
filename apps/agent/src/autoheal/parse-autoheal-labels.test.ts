import { describe, expect, it } from 'vitest';
import {
  autohealDelayMs,
  DEFAULT_AUTOHEAL,
  hasAutohealLabel,
  parseAutohealLabels,
} from './parse-autoheal-labels.js';

describe('parseAutohealLabels', () => {
  it('is off without the label, and takes the defaults (10 s doubling to 5 min, 5 in 30 min)', () => {
    expect(parseAutohealLabels({})).toEqual({ ok: true, policy: { mode: 'off', ...DEFAULT_AUTOHEAL } });
    const parsed = parseAutohealLabels({ 'berth.autoheal': ' On-Failure ' });
    expect(parsed).toEqual({
      ok: true,
      policy: {
        mode: 'on-failure',
        maxAttempts: 5,
        windowMs: 1_800_000,
        backoffMs: 10_000,
        backoffMaxMs: 300_000,
      },
    });
    if (!parsed.ok) throw new Error('unreachable');
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => autohealDelayMs(parsed.policy, n))).toEqual([
      10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000,
    ]);
  });

  it('reads every setting', () => {
    expect(
      parseAutohealLabels({
        'berth.autoheal': 'unhealthy',
        'berth.autoheal.max_attempts': '3',
        'berth.autoheal.window': '10m',
        'berth.autoheal.backoff': '1s',
        'berth.autoheal.backoff_max': '1m30s',
      }),
    ).toEqual({
      ok: true,
      policy: { mode: 'unhealthy', maxAttempts: 3, windowMs: 600_000, backoffMs: 1000, backoffMaxMs: 90_000 },
    });
  });

  it('names the label that does not parse, and never throws', () => {
    expect(parseAutohealLabels({ 'berth.autoheal': 'always' })).toEqual({
      ok: false,
      label: 'berth.autoheal',
      error: 'expected on-failure, unhealthy or off',
    });
    expect(parseAutohealLabels({ 'berth.autoheal': 'on-failure', 'berth.autoheal.backoff': 'fast' })).toEqual(
      {
        ok: false,
        label: 'berth.autoheal.backoff',
        error: 'expected a duration like 30s, 1m or 1m30s',
      },
    );
    expect(
      parseAutohealLabels({ 'berth.autoheal': 'on-failure', 'berth.autoheal.backoff': '100ms' }),
    ).toMatchObject({
      ok: false,
      label: 'berth.autoheal.backoff',
    });
    expect(
      parseAutohealLabels({ 'berth.autoheal': 'on-failure', 'berth.autoheal.max_attempts': '0' }),
    ).toMatchObject({
      ok: false,
      label: 'berth.autoheal.max_attempts',
    });
    expect(
      parseAutohealLabels({
        'berth.autoheal': 'on-failure',
        'berth.autoheal.backoff': '1m',
        'berth.autoheal.backoff_max': '30s',
      }),
    ).toEqual({
      ok: false,
      label: 'berth.autoheal.backoff_max',
      error: 'must not be shorter than berth.autoheal.backoff',
    });
  });
});

describe('hasAutohealLabel', () => {
  it('is the label or one of its settings, under the given name; not a label that only starts the same', () => {
    expect(hasAutohealLabel({ 'berth.autoheal': 'off' })).toBe(true);
    expect(hasAutohealLabel({ 'berth.autoheal.backoff': '1s' })).toBe(true);
    expect(hasAutohealLabel({ 'berth.autohealer': 'x', 'berth.autoheal_mode': 'x' })).toBe(false);
    expect(hasAutohealLabel({ name: 'web' })).toBe(false);
    expect(hasAutohealLabel({ 'test-1.autoheal': 'on-failure' }, 'test-1.autoheal')).toBe(true);
    expect(hasAutohealLabel({ 'berth.autoheal': 'on-failure' }, 'test-1.autoheal')).toBe(false);
  });
});
