// Everything of packages/db, Prisma included (the API, embedded mode, tools). Processes that
// must not load Prisma import `@berth/db/sql`, which this re-exports.
export type { Db } from './client.js';
export { createDb } from './client.js';
export * from './cross-tenant/index.js';
export { Prisma } from './generated/prisma/client.js';
export * from './generated/prisma/enums.js';
export type * from './generated/prisma/models.js';
export { grantAppRole } from './migrate/grant-app-role.js';
export { migrateDatabase } from './migrate/migrate-database.js';
export { MigrationError, runMigrations } from './migrate/run-migrations.js';
export { generatePassword, hashPassword, verifyPassword } from './passwords.js';
export type { DemoSeed } from './seed-demo.js';
export { seedDemo } from './seed-demo.js';
export * from './sql.js';
export type { TenantContext, Tx } from './with-org.js';
export { withOrg } from './with-org.js';
export { withEachOrgOfUser, withUser } from './with-user.js';
