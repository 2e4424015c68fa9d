// `@berth/db/sql`: the database on node-postgres alone, for processes that must not load
// Prisma (the gateway, whose idle memory Prisma's client would dominate). Nothing reachable
// from here may import the generated client or @prisma/*; a test walks the imports to check.
// `@berth/db` re-exports all of it, next to the Prisma doors the API uses.

export type {
  HostAutohealRow,
  HostCheckConfig,
  HostCheckConfigRow,
} from './check-config/host-check-config.js';
export { readHostCheckConfig, recordHostConfigAck } from './check-config/host-check-config.js';
export type { ExpiredAction } from './cross-tenant/actions.js';
export { crossTenantExpireActions } from './cross-tenant/actions.js';
export type {
  EnrolHostData,
  EnrolHostOutcome,
  EnrollmentOutcome,
  HostIdentity,
} from './cross-tenant/hosts.js';
export {
  crossTenantAuthenticateHost,
  crossTenantConsumeEnrollmentToken,
  crossTenantEnrolHost,
} from './cross-tenant/hosts.js';
export type { StaleHost } from './cross-tenant/presence.js';
export { crossTenantMarkStaleHostsOffline } from './cross-tenant/presence.js';
export type { PartitionChange } from './maintain-partitions.js';
export { analyzeNewPartitions, maintainPartitions } from './maintain-partitions.js';
export type { PoolOptions } from './pool.js';
export { createPool, POOL_WAIT_MS } from './pool.js';
export type { Queryable } from './queryable.js';
export { registryCredentialSealContext } from './registry-credential-secrets.js';
export type { RollupOptions, RollupRun } from './rollups/index.js';
export { defaultSettledBefore, rollUpDirtyMinutes } from './rollups/index.js';
export type { SealContext, SecretBox, SecretKey } from './sealed-secrets.js';
export {
  createSecretBox,
  deriveKeyFromAuthSecret,
  SealedSecretError,
  secretKeyRing,
} from './sealed-secrets.js';
export type { IssuedSecret, SecretKind } from './secrets.js';
export { hashSecret, issueSecret, secretsEqual } from './secrets.js';
export { redactUrl, urlWithUser } from './urls.js';
export { withOrgClient, withOrgOn } from './with-org-client.js';
