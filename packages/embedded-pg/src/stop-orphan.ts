import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A previous run killed with SIGKILL leaves its postmaster running: stop it first. */
export async function stopOrphan(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  if (!alive(pid)) {
    await rm(pidFile, { force: true });
    return;
  }
  log(`stopping PostgreSQL left running by an earlier run (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  // A process that is not ours has no exit event to wait for: look again every 100 ms.
  for (let waited = 0; alive(pid) && waited < 15_000; waited += 100) await sleep(100);
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
