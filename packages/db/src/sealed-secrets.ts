import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Secrets Berth must give back later (notification channel URLs and tokens, registry
 * passwords) are sealed with AES-256-GCM before they reach the database: a dump, a replica or a
 * backup holds only ciphertext. Unlike the hashed bearer secrets in secrets.ts these must be
 * read again, so the key lives outside the database (SECRETS_KEYS, or derived from AUTH_SECRET).
 *
 * Sealed text: `v1.<key id>.<base64url(12-byte IV | ciphertext | 16-byte tag)>`. The additional
 * authenticated data binds it to its row — organisation, purpose and row id — so a value
 * copied into another organisation's row, or another column, does not open.
 */
export type SecretKey = { id: string; key: Buffer };
export type SealContext = { orgId: string; purpose: string; rowId: string };

export type SecretBox = {
  seal(plaintext: string, context: SealContext): string;
  /** Throws SealedSecretError when the text was not sealed for this context or key ring. */
  open(sealed: string, context: SealContext): string;
  /** Sealed with a key other than the active one: re-seal it when convenient. */
  isStale(sealed: string): boolean;
};

export class SealedSecretError extends Error {}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The first key seals; every key opens (older keys stay listed until re-sealing is done). */
export function createSecretBox(keys: readonly SecretKey[]): SecretBox {
  const active = keys[0];
  if (!active) throw new SealedSecretError('no secret key configured');
  const byId = new Map(keys.map((k) => [k.id, k.key]));
  for (const { id, key } of keys) {
    if (key.length !== 32) throw new SealedSecretError(`secret key ${id} is ${key.length} bytes, not 32`);
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id))
      throw new SealedSecretError(`secret key id ${JSON.stringify(id)} is not [A-Za-z0-9_-]{1,32}`);
  }
  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', active.key, iv);
      cipher.setAAD(aad(context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${VERSION}.${active.id}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
    },
    open(sealed, context) {
      const [version, keyId, payload] = sealed.split('.');
      if (version !== VERSION || !keyId || !payload) throw new SealedSecretError('not a sealed secret');
      const key = byId.get(keyId);
      if (!key) throw new SealedSecretError(`sealed with key ${keyId}, which is not in SECRETS_KEYS`);
      const bytes = Buffer.from(payload, 'base64url');
      if (bytes.length < IV_BYTES + TAG_BYTES) throw new SealedSecretError('sealed secret is truncated');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(aad(context));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      try {
        return Buffer.concat([
          decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new SealedSecretError('sealed secret does not open here (another row, organisation or key)');
      }
    },
    isStale: (sealed) => sealed.split('.')[1] !== active.id,
  };
}

function aad({ orgId, purpose, rowId }: SealContext): Buffer {
  return Buffer.from(JSON.stringify([orgId, purpose, rowId]), 'utf8');
}

/**
 * The key ring from settings: SECRETS_KEYS when set (newest first), else one key derived from
 * AUTH_SECRET with HKDF (id `auth`), so installs that set nothing still encrypt at rest. Set
 * SECRETS_KEYS (keeping `auth:<the derived key>` listed) before changing AUTH_SECRET.
 */
export function secretKeyRing(settings: {
  secretsKeys: readonly { id: string; key: Buffer }[] | undefined;
  authSecret: string;
}): SecretKey[] {
  if (settings.secretsKeys && settings.secretsKeys.length > 0) return [...settings.secretsKeys];
  return [{ id: 'auth', key: deriveKeyFromAuthSecret(settings.authSecret) }];
}

export function deriveKeyFromAuthSecret(authSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', authSecret, 'berth', 'berth secrets at rest v1', 32));
}
