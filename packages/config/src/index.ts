export { AGENT_RELEASE_VERSION } from './agent-release.js';
export { childEnv } from './child-env.js';
export {
  addressBucket,
  CLIENT_ADDRESS_HEADER,
  type ClientAddressInput,
  normaliseAddress,
  parseTrustProxy,
  resolveClientAddress,
  type SignedRequest,
  signClientAddress,
  TRUST_NONE,
  type TrustProxy,
  verifyClientAddress,
  ZTrustProxySchema,
} from './client-address/index.js';
export type { Env } from './parse-env.js';
export { ConfigError, loadOrExit, parseEnv } from './parse-env.js';
export type { AlerterEnv, ApiEnv, EmbeddedEnv, GatewayEnv, MigrateEnv, ServerEnv } from './schemas.js';
export {
  ZAlerterEnvSchema,
  ZApiEnvSchema,
  ZEmbeddedEnvSchema,
  ZGatewayEnvSchema,
  ZLogLevelSchema,
  ZMigrateEnvSchema,
  ZServerEnvSchema,
} from './schemas.js';
