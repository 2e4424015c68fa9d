import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '@berth/http';

/**
 * The agent executables apps/agent's compile.mjs builds, by the name install.sh asks for:
 * `berth-agent-linux-<arch>-<libc>` (from `uname -m` and the host's C library).
 */
export const AGENT_EXECUTABLE_NAMES = [
  'berth-agent-linux-x64-gnu',
  'berth-agent-linux-x64-musl',
  'berth-agent-linux-arm64-gnu',
  'berth-agent-linux-arm64-musl',
] as const;
export type AgentExecutableName = (typeof AGENT_EXECUTABLE_NAMES)[number];

export function isAgentExecutableName(name: string): name is AgentExecutableName {
  return (AGENT_EXECUTABLE_NAMES as readonly string[]).includes(name);
}

export type AgentExecutable = { path: string; size: number; sha256: string };

type Cached = AgentExecutable & { mtimeMs: number };
const cache = new Map<string, Cached>();

/**
 * One built executable with its sha256 (hashed once per file version: ~100 MB, so not per
 * request), or a 404 that says what to do: the API serves them only when built next to it.
 */
export async function readAgentExecutable(dir: string, name: AgentExecutableName): Promise<AgentExecutable> {
  const path = join(dir, name);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) {
    throw new AppError(
      'not_found',
      `the agent executable ${name} is not built on this server (npm run build -w @berth/agent); install in docker mode instead (--mode docker)`,
    );
  }
  const hit = cache.get(path);
  if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return hit;
  const entry = { path, size: info.size, sha256: await hashFile(path), mtimeMs: info.mtimeMs };
  cache.set(path, entry);
  return entry;
}

function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')));
  });
}
