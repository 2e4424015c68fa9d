export type { Db } from './client.js';
export { createDb } from './client.js';
export type {
  ApiTokenIdentity,
  EnrollmentOutcome,
  HostIdentity,
  InviteStatus,
  InviteSummary,
  PasswordResetOutcome,
  PasswordResetRecipient,
  PendingInvite,
  UserMembership,
} from './cross-tenant.js';
export {
  crossTenantAuthenticateApiToken,
  crossTenantAuthenticateHost,
  crossTenantConsumeEnrollmentToken,
  crossTenantConsumePasswordReset,
  crossTenantEnrolHost,
  crossTenantFindInvite,
  crossTenantFindUserByIdentity,
  crossTenantIssuePasswordReset,
  crossTenantPendingInvitesForEmail,
  crossTenantTouchUserSession,
  crossTenantUserMemberships,
} from './cross-tenant.js';
export type {
  PasswordSignInAttempt,
  PasswordSignInClient,
  SignInRecord,
  SignInUnlockOutcome,
} from './cross-tenant-sign-in.js';
export {
  crossTenantBeginPasswordSignIn,
  crossTenantConsumeSignInUnlock,
  crossTenantFindUserForSignIn,
  crossTenantFinishPasswordSignIn,
} from './cross-tenant-sign-in.js';
export { Prisma } from './generated/prisma/client.js';
export * from './generated/prisma/enums.js';
export type * from './generated/prisma/models.js';
export type { PartitionChange } from './maintain-partitions.js';
export { maintainPartitions } from './maintain-partitions.js';
export { grantAppRole } from './migrate/grant-app-role.js';
export { migrateDatabase } from './migrate/migrate-database.js';
export { MigrationError, runMigrations } from './migrate/run-migrations.js';
export type { IssuedSecret, SecretKind } from './secrets.js';
export {
  generatePassword,
  hashPassword,
  hashSecret,
  issueSecret,
  secretsEqual,
  verifyPassword,
} from './secrets.js';
export type { DemoSeed } from './seed-demo.js';
export { seedDemo } from './seed-demo.js';
export { redactUrl, urlWithUser } from './urls.js';
export type { TenantContext, Tx } from './with-org.js';
export { withOrg, withOrgClient } from './with-org.js';
