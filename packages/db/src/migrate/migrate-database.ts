import { grantAppRole } from './grant-app-role.js';
import { type MigrateOptions, type MigrationReport, runMigrations } from './run-migrations.js';

export type MigrateDatabaseOptions = MigrateOptions & { appRole: string; appPassword?: string | undefined };

/** Migrations, then the runtime role's grants (new tables need them too). */
export async function migrateDatabase(
  adminUrl: string,
  options: MigrateDatabaseOptions,
): Promise<MigrationReport> {
  const report = await runMigrations(adminUrl, options);
  await grantAppRole(adminUrl, { role: options.appRole, password: options.appPassword });
  options.log?.(`granted ${options.appRole}: DML on tenant tables under row-level security`);
  return report;
}
