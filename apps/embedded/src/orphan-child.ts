import { readFile, rm, writeFile } from 'node:fs/promises';

/**
 * A launcher killed with SIGKILL leaves its children (agent, web console) running. Each
 * child's pid is kept in a file; the next start stops a process still running with that
 * pid — only if its command line still names `marker`, so a reused pid is left alone.
 */
export async function stopOrphanChild(
  pidFile: string,
  marker: string,
  log: (line: string) => void,
): Promise<void> {
  const pid = Number(await readFile(pidFile, 'utf8').catch(() => ''));
  if (Number.isInteger(pid) && pid > 0 && (await commandLine(pid)).includes(marker)) {
    log(`stopping ${marker} left running by an earlier run (pid ${pid})`);
    process.kill(pid, 'SIGTERM');
    for (let waited = 0; waited < 10_000 && (await commandLine(pid)) !== ''; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await rm(pidFile, { force: true });
}

export async function recordChild(pidFile: string, pid: number | undefined): Promise<void> {
  if (pid) await writeFile(pidFile, String(pid));
}

async function commandLine(pid: number): Promise<string> {
  return readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
}
