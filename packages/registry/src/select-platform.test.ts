import { describe, expect, it } from 'vitest';
import type { ImageIndex } from './select-platform.js';
import { selectPlatformDigest } from './select-platform.js';

const d = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;
const INDEX: ImageIndex = {
  manifests: [
    { digest: d(1), platform: { os: 'linux', architecture: 'amd64' } },
    { digest: d(2), platform: { os: 'linux', architecture: 'arm', variant: 'v6' } },
    { digest: d(3), platform: { os: 'linux', architecture: 'arm', variant: 'v7' } },
    { digest: d(4), platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
    { digest: d(5), platform: { os: 'unknown', architecture: 'unknown' } },
  ],
};

describe('selectPlatformDigest', () => {
  it('matches os, architecture and variant', () => {
    expect(selectPlatformDigest(INDEX, { os: 'linux', architecture: 'amd64' })).toBe(d(1));
    expect(selectPlatformDigest(INDEX, { os: 'linux', architecture: 'arm', variant: 'v6' })).toBe(d(2));
  });

  it("fills the architecture's default variant and kernel aliases", () => {
    expect(selectPlatformDigest(INDEX, { os: 'linux', architecture: 'arm64' })).toBe(d(4));
    expect(selectPlatformDigest(INDEX, { os: 'linux', architecture: 'aarch64' })).toBe(d(4));
    expect(selectPlatformDigest(INDEX, { os: 'linux', architecture: 'arm' })).toBe(d(3));
  });

  it('finds nothing for a platform the index lacks', () => {
    expect(selectPlatformDigest(INDEX, { os: 'windows', architecture: 'amd64' })).toBeUndefined();
    expect(selectPlatformDigest(INDEX, { os: 'linux', architecture: 'ppc64le' })).toBeUndefined();
  });
});
