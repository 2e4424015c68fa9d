import { readFile } from 'node:fs/promises';

/**
 * The id of the container this process runs in. Docker bind-mounts the container's own
 * `/etc/hostname`, `/etc/hosts` and `/etc/resolv.conf` from `<data-root>/containers/<id>/`, and
 * mountinfo names that source — unlike the hostname, which is the host's with `--network host`.
 */
export async function findOwnContainerId(mountinfoPath = '/proc/self/mountinfo'): Promise<string | null> {
  const text = await readFile(mountinfoPath, 'utf8').catch(() => '');
  return parseOwnContainerId(text);
}

export function parseOwnContainerId(mountinfo: string): string | null {
  const match = /\/containers\/([0-9a-f]{64})\/(?:hostname|hosts|resolv\.conf)\s/.exec(mountinfo);
  return match?.[1] ?? null;
}
