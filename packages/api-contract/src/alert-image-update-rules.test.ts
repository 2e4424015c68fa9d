import { describe, expect, it } from 'vitest';
import { imageUpdateReaches, ZNewAlertRuleSchema } from './alert-rules.js';

describe('update-available rule params', () => {
  it('defaults minClass to digest and accepts a container scope', () => {
    const parsed = ZNewAlertRuleSchema.parse({
      name: 'outdated',
      kind: 'image_update',
      scope: { containerName: 'web-*' },
    });
    expect(parsed.params).toEqual({ minClass: 'digest' });
  });

  it('names params.minClass when unknown and refuses other params', () => {
    const unknown = ZNewAlertRuleSchema.safeParse({
      name: 'x',
      kind: 'image_update',
      params: { minClass: 'big' },
    });
    expect(unknown.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['params.minClass', 'one of digest, patch, minor, major'],
    ]);
    const extra = ZNewAlertRuleSchema.safeParse({ name: 'x', kind: 'image_update', params: { tag: 'x' } });
    expect(extra.success).toBe(false);
  });

  it('orders classes digest < patch < minor < major', () => {
    expect(imageUpdateReaches('major', 'minor')).toBe(true);
    expect(imageUpdateReaches('minor', 'minor')).toBe(true);
    expect(imageUpdateReaches('patch', 'minor')).toBe(false);
    expect(imageUpdateReaches('digest', 'patch')).toBe(false);
    expect(imageUpdateReaches('digest', 'digest')).toBe(true);
  });
});
