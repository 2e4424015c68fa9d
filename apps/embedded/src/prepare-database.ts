import { createDb, type Db, migrateDatabase, redactUrl, urlWithUser } from '@berth/db';
import pg from 'pg';

export type PreparedDatabase = { db: Db; appUrl: string; adminUrl: string };

type Options = {
  /** Owner connection to the server (embedded) or the database (external). */
  adminUrl: string;
  /** External runtime-role URL; when unset, derived for the embedded server. */
  appUrl?: string | undefined;
  appPassword?: string | undefined;
  createDatabase?: string | undefined;
  log: (line: string) => void;
};

const APP_ROLE = 'berth_app';

/** Creates the database if asked (embedded), migrates it, grants the runtime role. */
export async function prepareDatabase(options: Options): Promise<PreparedDatabase> {
  let adminUrl = options.adminUrl;
  if (options.createDatabase) {
    await ensureDatabase(adminUrl, options.createDatabase);
    const url = new URL(adminUrl);
    url.pathname = `/${options.createDatabase}`;
    adminUrl = url.toString();
  }
  options.log(`migrating ${redactUrl(adminUrl)}`);
  const report = await migrateDatabase(adminUrl, { appRole: APP_ROLE, appPassword: options.appPassword });
  options.log(
    report.applied.length
      ? `applied ${report.applied.map((m) => m.name).join(', ')}`
      : `database is up to date (${report.upToDate.length} migrations)`,
  );
  const appUrl = options.appUrl ?? urlWithUser(adminUrl, APP_ROLE, options.appPassword);
  return { db: createDb(appUrl), appUrl, adminUrl };
}

async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!found.rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
