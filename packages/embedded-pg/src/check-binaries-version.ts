import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { PostgresAccount } from './postgres-account.js';

const run = promisify(execFile);

/**
 * Runs `postgres --version` from `binariesDir` as the account that will run it: proves the
 * binaries start from there, and are the release the package says (18.4.0-beta.17 → 18.4).
 */
export async function checkBinariesVersion(
  binariesDir: string,
  packageVersion: string,
  account: PostgresAccount | null,
): Promise<string> {
  const { stdout } = await run(path.join(binariesDir, 'bin', 'postgres'), ['--version'], {
    ...(account ? { uid: account.uid, gid: account.gid } : {}),
  });
  const expected = packageVersion.split('.').slice(0, 2).join('.');
  const found = /PostgreSQL\)\s+(\S+)/.exec(stdout)?.[1] ?? '';
  if (found !== expected)
    throw new Error(`${binariesDir} runs PostgreSQL "${found}", expected ${expected}: ${stdout.trim()}`);
  return found;
}
