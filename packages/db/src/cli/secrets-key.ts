import { loadOrExit, parseEnv, ZServerEnvSchema } from '@berth/config';
import { deriveKeyFromAuthSecret } from '../sealed-secrets.js';

// Prints the SECRETS_KEYS entry for the key Berth derives from AUTH_SECRET when SECRETS_KEYS is
// unset: list it (after a new key) before changing AUTH_SECRET, or sealed secrets stop opening.
const env = loadOrExit(() => parseEnv(ZServerEnvSchema.pick({ AUTH_SECRET: true })));
console.log(`auth:${deriveKeyFromAuthSecret(env.AUTH_SECRET).toString('base64')}`);
console.error(
  'the key derived from AUTH_SECRET (id "auth"); to rotate, set SECRETS_KEYS="new:<openssl rand -base64 32>,auth:<this>"',
);
