import { readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';

/** A marked process as seen from the host: its pid there and its pid inside the container. */
export type HostProcess = { hostPid: number; containerPid: number };

/**
 * The container's processes that carry `marker` in their environment, read from the host's
 * /proc (`procRoot`, the agent's `--proc-root`) rather than from inside the container, so it
 * works for an image without a shell. Only processes in the container's pid namespace (that of
 * its first process, `initPid` from inspect) count, so a process elsewhere on the host with a
 * copied environment is never touched. Throws when the container's process is not visible there
 * (the agent runs in its own pid namespace without the host's /proc).
 */
export async function findMarkedOnHost(
  procRoot: string,
  initPid: number,
  marker: string,
): Promise<HostProcess[]> {
  const namespace = await readlink(path.join(procRoot, String(initPid), 'ns', 'pid'));
  const found: HostProcess[] = [];
  for (const entry of await readdir(procRoot)) {
    if (!/^\d+$/.test(entry)) continue;
    const dir = path.join(procRoot, entry);
    try {
      if ((await readlink(path.join(dir, 'ns', 'pid'))) !== namespace) continue;
      const environ = await readFile(path.join(dir, 'environ'), 'latin1');
      if (!environ.split('\0').includes(marker)) continue;
      // NSpid lists the pid in each nested namespace, the container's last.
      const status = await readFile(path.join(dir, 'status'), 'latin1');
      const nsPids = /^NSpid:\s*([\d\s]+)$/m.exec(status)?.[1]?.trim().split(/\s+/) ?? [entry];
      found.push({ hostPid: Number(entry), containerPid: Number(nsPids.at(-1)) });
    } catch {
      // It exited while being read, or is not ours to read: nothing to signal.
    }
  }
  return found;
}

/**
 * Whether this process sees `procRoot` from its own pid namespace, so the pids read there can be
 * signalled directly (the agent on the host, or in a container with `pid: host`). Otherwise a
 * pid read there may name a different process here (docs/decisions.md).
 */
export async function signalsHostPids(procRoot: string): Promise<boolean> {
  try {
    const [ours, theirs] = await Promise.all([
      readlink('/proc/self/ns/pid'),
      readlink(path.join(procRoot, String(process.pid), 'ns', 'pid')),
    ]);
    return ours === theirs;
  } catch {
    return false;
  }
}
