import { spawn } from 'node:child_process';
import { chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PostgresAccount } from './postgres-account.js';

type Options = {
  binariesDir: string;
  dataDir: string;
  password: string;
  account: PostgresAccount | null;
  onLog: (line: string) => void;
};

/** True once initdb has completed in `dataDir`. */
export async function isInitialised(dataDir: string): Promise<boolean> {
  return readFile(path.join(dataDir, 'PG_VERSION'), 'utf8').then(
    () => true,
    () => false,
  );
}

/**
 * Runs initdb: UTF-8 (a C locale would otherwise pick SQL_ASCII, which accepts invalid text),
 * superuser `postgres` with a SCRAM password. The password file sits beside the data directory
 * for the moment initdb reads it (readable by its account only) — the data directory's parent
 * is known to be reachable by that account, a temporary directory is not.
 */
export async function initCluster({
  binariesDir,
  dataDir,
  password,
  account,
  onLog,
}: Options): Promise<void> {
  // The parents first: a recursive mkdir would make them 0700 too, out of the account's reach.
  await mkdir(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(path.dirname(dataDir), `.pwfile-${process.pid}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    if (account) {
      await chown(dataDir, account.uid, account.gid);
      await chown(passwordFile, account.uid, account.gid);
    }
    const args = [
      `--pgdata=${dataDir}`,
      '--auth=scram-sha-256',
      '--username=postgres',
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--locale=C',
      '--lc-messages=C',
    ];
    await new Promise<void>((resolve, reject) => {
      const child = spawn(path.join(binariesDir, 'bin', 'initdb'), args, {
        ...(account ? { uid: account.uid, gid: account.gid } : {}),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const keep = (chunk: Buffer) => {
        output += String(chunk);
        onLog(String(chunk));
      };
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      child.once('error', reject);
      child.once('exit', (code, signal) =>
        code === 0 ? resolve() : reject(new Error(`initdb failed (${code ?? signal}): ${output.trim()}`)),
      );
    });
  } finally {
    await rm(passwordFile, { force: true });
  }
}
