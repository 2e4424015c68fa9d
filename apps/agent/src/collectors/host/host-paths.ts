import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where the host is visible. On the host: /proc and /. In the agent's container: the host's
 * /proc mounted at e.g. /host/proc and its root at /host (read-only).
 */
export type HostPaths = { procRoot?: string; rootFs?: string };

export function resolveHostPaths(paths: HostPaths = {}): { procRoot: string; rootFs: string } {
  return { procRoot: paths.procRoot ?? '/proc', rootFs: paths.rootFs ?? '/' };
}

/**
 * Reads the first of `names` (relative to `root`) that exists. Mount and network tables are read
 * through /proc/1/ first: /proc/mounts and /proc/net/dev follow the reading process's namespaces,
 * which in a container are the container's, while PID 1 is the host's init.
 */
export async function readFirst(root: string, names: readonly string[]): Promise<string> {
  let lastError: unknown;
  for (const name of names) {
    try {
      return await readFile(path.join(root, name), 'utf8');
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

export async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
