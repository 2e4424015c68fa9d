export type { Db } from './client.js';
export { createDb } from './client.js';
export * from './cross-tenant/index.js';
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
export { withOrg, withOrgClient, withOrgOn } from './with-org.js';
export { withEachOrgOfUser, withUser } from './with-user.js';
