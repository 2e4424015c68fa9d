import { loadOrExit, parseEnv, ZMigrateEnvSchema } from '@berth/config';
import { migrateDatabase } from '../migrate/migrate-database.js';
import { MigrationError } from '../migrate/run-migrations.js';
import { redactUrl } from '../urls.js';

const env = loadOrExit(() => parseEnv(ZMigrateEnvSchema));
const adminUrl = env.DATABASE_ADMIN_URL ?? env.DATABASE_URL ?? '';

console.log(`migrating ${redactUrl(adminUrl)}`);
try {
  const report = await migrateDatabase(adminUrl, {
    appRole: env.BERTH_APP_ROLE,
    appPassword: env.BERTH_APP_PASSWORD,
    log: (line) => console.log(`  ${line}`),
  });
  console.log(
    report.applied.length === 0
      ? `database is up to date (${report.upToDate.length} migrations)`
      : `applied ${report.applied.length} migration(s); ${report.upToDate.length} were already applied`,
  );
} catch (error) {
  console.error(error instanceof MigrationError ? error.message : error);
  process.exit(1);
}
