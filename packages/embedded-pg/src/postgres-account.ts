import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The account PostgreSQL runs as when Berth runs as root (PostgreSQL refuses root). */
export type PostgresAccount = { name: string; uid: number; gid: number };

const NAME = 'postgres';

/** Looks the `postgres` account up, creating it (as a system account) where it is missing. */
export async function ensurePostgresAccount(log: (line: string) => void): Promise<PostgresAccount> {
  const found = await lookUp();
  if (found) return found;
  log(`creating the system user "${NAME}" to run PostgreSQL (it refuses to run as root)`);
  await run('groupadd', ['--system', NAME]).catch((error: unknown) => {
    // 9: the group exists already (a user was removed, its group kept).
    if ((error as { code?: unknown }).code !== 9) throw error;
  });
  await run('useradd', ['--system', '--gid', NAME, '--no-create-home', '--shell', '/usr/sbin/nologin', NAME]);
  const created = await lookUp();
  if (!created) throw new Error(`user "${NAME}" was created but cannot be found`);
  return created;
}

async function lookUp(): Promise<PostgresAccount | null> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', NAME]), run('id', ['-g', NAME])]);
    return { name: NAME, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return null;
  }
}
