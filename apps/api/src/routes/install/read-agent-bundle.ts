import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { AppError } from '@berth/http';

export type AgentBundle = { path: string; size: number; sha256: string };

type Cached = AgentBundle & { mtimeMs: number };
let cached: Cached | undefined;

/**
 * The built agent bundle with its sha256 (hashed once per file version), or a 404 that says
 * what to do: the API serves the bundle only when the agent was built next to it.
 */
export async function readAgentBundle(path: string): Promise<AgentBundle> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) {
    throw new AppError(
      'not_found',
      'the agent bundle is not built on this server (npm run build -w @berth/agent); install in docker mode instead (--mode docker)',
    );
  }
  if (cached?.path === path && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached;
  const sha256 = await hashFile(path);
  cached = { path, size: info.size, sha256, mtimeMs: info.mtimeMs };
  return cached;
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
