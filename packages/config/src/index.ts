export { AGENT_RELEASE_VERSION } from './agent-release.js';
export { childEnv } from './child-env.js';
export type { Env } from './parse-env.js';
export { ConfigError, loadOrExit, parseEnv } from './parse-env.js';
export type { ApiEnv, EmbeddedEnv, GatewayEnv, MigrateEnv, ServerEnv } from './schemas.js';
export {
  ZApiEnvSchema,
  ZEmbeddedEnvSchema,
  ZGatewayEnvSchema,
  ZLogLevelSchema,
  ZMigrateEnvSchema,
  ZServerEnvSchema,
} from './schemas.js';
