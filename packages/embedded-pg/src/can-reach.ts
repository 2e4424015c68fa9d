import { spawn } from 'node:child_process';
import type { PostgresAccount } from './postgres-account.js';

/**
 * True when `account` can get to `target` (every directory on the way searchable, and a file
 * executable): asked of the kernel by running `test -x` as that account — the same way the
 * PostgreSQL binaries are started — so groups, ACLs and mounts count as they will then.
 */
export function canReach(account: PostgresAccount, target: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = spawn('test', ['-x', target], { uid: account.uid, gid: account.gid, stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code === 0));
  });
}
