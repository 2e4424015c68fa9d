import { describe, expect, it } from 'vitest';
import { compareSemver } from './compare-semver.js';

describe('compareSemver', () => {
  it('orders by major, minor and patch numerically, not as text', () => {
    expect(compareSemver('0.1.0', '0.2.0')).toBe(-1);
    expect(compareSemver('0.10.0', '0.9.9')).toBe(1);
    expect(compareSemver('2.0.0', '10.0.0')).toBe(-1);
    expect(compareSemver('1.2.3', '1.2.3')).toBe(0);
  });

  it('sorts a pre-release before its release, and pre-releases by semver.org §11', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
    ];
    for (let i = 0; i + 1 < ordered.length; i += 1) {
      expect(compareSemver(ordered[i] ?? '', ordered[i + 1] ?? ''), `${ordered[i]} < ${ordered[i + 1]}`).toBe(
        -1,
      );
      expect(compareSemver(ordered[i + 1] ?? '', ordered[i] ?? '')).toBe(1);
    }
  });

  it('ignores build metadata', () => {
    expect(compareSemver('1.0.0+build.1', '1.0.0+build.2')).toBe(0);
  });

  it('answers null for anything that is not a version', () => {
    expect(compareSemver('unknown', '1.0.0')).toBeNull();
    expect(compareSemver('1.0', '1.0.0')).toBeNull();
    expect(compareSemver('1.0.0', '')).toBeNull();
  });
});
