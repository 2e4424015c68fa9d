import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createSecretBox,
  deriveKeyFromAuthSecret,
  SealedSecretError,
  secretKeyRing,
} from './sealed-secrets.js';

const row = { orgId: '8f6e2c1e-0000-4000-8000-000000000001', purpose: 'channel', rowId: 'c1' };
const key = (id: string) => ({ id, key: randomBytes(32) });

describe('sealed secrets', () => {
  it('round-trips, and never shows the plaintext or repeats ciphertext', () => {
    const box = createSecretBox([key('k1')]);
    const url = 'https://hooks.slack.com/services/T0/B0/very-secret';
    const a = box.seal(url, row);
    const b = box.seal(url, row);
    expect(a).toMatch(/^v1\.k1\.[A-Za-z0-9_-]+$/);
    expect(a).not.toContain('very-secret');
    expect(a).not.toBe(b);
    expect(box.open(a, row)).toBe(url);
  });

  it('does not open for another organisation, purpose or row (copied ciphertext is useless)', () => {
    const box = createSecretBox([key('k1')]);
    const sealed = box.seal('token', row);
    for (const other of [
      { ...row, orgId: '8f6e2c1e-0000-4000-8000-000000000002' },
      { ...row, purpose: 'registry' },
      { ...row, rowId: 'c2' },
    ])
      expect(() => box.open(sealed, other)).toThrow(SealedSecretError);
  });

  it('detects tampering and unknown keys', () => {
    const box = createSecretBox([key('k1')]);
    const sealed = box.seal('token', row);
    const flipped = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`;
    expect(() => box.open(flipped, row)).toThrow(SealedSecretError);
    expect(() => createSecretBox([key('k9')]).open(sealed, row)).toThrow(
      /key k1, which is not in SECRETS_KEYS/,
    );
    expect(() => box.open('plain text', row)).toThrow(/not a sealed secret/);
  });

  it('rotation: the new key seals, old keys still open, and stale values are recognised', () => {
    const old = key('k1');
    const sealedBefore = createSecretBox([old]).seal('token', row);
    const rotated = createSecretBox([key('k2'), old]);
    expect(rotated.open(sealedBefore, row)).toBe('token');
    expect(rotated.isStale(sealedBefore)).toBe(true);
    expect(rotated.isStale(rotated.seal('token', row))).toBe(false);
  });

  it('refuses keys of the wrong size', () => {
    expect(() => createSecretBox([{ id: 'k1', key: randomBytes(16) }])).toThrow(/16 bytes, not 32/);
    expect(() => createSecretBox([])).toThrow(/no secret key/);
  });

  it('without SECRETS_KEYS, one key derived from AUTH_SECRET (stable across restarts)', () => {
    const ring = secretKeyRing({ secretsKeys: undefined, authSecret: 'x'.repeat(40) });
    expect(ring).toEqual([{ id: 'auth', key: deriveKeyFromAuthSecret('x'.repeat(40)) }]);
    expect(deriveKeyFromAuthSecret('x'.repeat(40)).equals(deriveKeyFromAuthSecret('y'.repeat(40)))).toBe(
      false,
    );
    const sealed = createSecretBox(ring).seal('token', row);
    expect(
      createSecretBox(secretKeyRing({ secretsKeys: undefined, authSecret: 'x'.repeat(40) })).open(
        sealed,
        row,
      ),
    ).toBe('token');
  });
});
