import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './safe-callback-url';

describe('safeCallbackUrl', () => {
  it('keeps paths on this site, with their query', () => {
    expect(safeCallbackUrl('/hosts/abc?range=1h')).toBe('/hosts/abc?range=1h');
  });
  it('refuses other origins and protocol-relative or backslash tricks', () => {
    for (const bad of [
      'https://evil.example/x',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      '',
      42,
    ]) {
      expect(safeCallbackUrl(bad)).toBe('/fleet');
    }
  });
});
