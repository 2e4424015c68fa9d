import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
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

/**
 * One executable as this server holds it: the file itself (`path`, in a checkout) and/or its
 * gzip (`gzPath`, apps/agent's build writes both; the API image carries only the gzip, which
 * halves it). `size` and `sha256` are always the executable's, however it is stored.
 */
export type AgentExecutable = {
  path: string | null;
  gzPath: string | null;
  size: number;
  gzSize: number | null;
  sha256: string;
};

type Cached = AgentExecutable & { version: string };
const cache = new Map<string, Cached>();

/**
 * One built executable with its sha256 and size, or a 404 that says what to do: the API serves
 * them only when built next to it. The checksum comes from the build's `.sha256` file when
 * present, else from hashing the file once per file version (~100 MB, so never per request).
 */
export async function readAgentExecutable(dir: string, name: AgentExecutableName): Promise<AgentExecutable> {
  const path = join(dir, name);
  const [plain, packed, checksum] = await Promise.all([
    fileInfo(path),
    fileInfo(`${path}.gz`),
    fileInfo(`${path}.sha256`),
  ]);
  if (!plain && !packed) {
    throw new AppError(
      'not_found',
      `the agent executable ${name} is not built on this server (npm run build -w @berth/agent); install in docker mode instead (--mode docker)`,
    );
  }
  const version = [plain, packed, checksum]
    .map((info) => (info ? `${info.mtimeMs}:${info.size}` : '-'))
    .join('|');
  const hit = cache.get(path);
  if (hit?.version === version) return hit;
  const sha256 = checksum
    ? await readChecksum(`${path}.sha256`, name)
    : plain
      ? await hashFile(path)
      : undefined;
  if (!sha256) {
    throw new AppError(
      'unavailable',
      `${name}.gz has no ${name}.sha256 beside it: rebuild the agent (npm run build -w @berth/agent)`,
    );
  }
  const entry: Cached = {
    path: plain ? path : null,
    gzPath: packed ? `${path}.gz` : null,
    size: plain?.size ?? (await gzipContentSize(`${path}.gz`)),
    gzSize: packed?.size ?? null,
    sha256,
    version,
  };
  cache.set(path, entry);
  return entry;
}

async function fileInfo(path: string) {
  const info = await stat(path).catch(() => undefined);
  return info?.isFile() ? info : undefined;
}

/** The hash of a `sha256sum` line naming `name` (the build writes exactly one). */
async function readChecksum(path: string, name: string): Promise<string> {
  const line = (await readFile(path, 'utf8')).trim();
  const match = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line);
  if (!match || match[2] !== name) {
    throw new AppError(
      'unavailable',
      `${name}.sha256 is not a sha256sum line for ${name}: rebuild the agent`,
    );
  }
  return match[1] as string;
}

/** A gzip member's trailer holds the uncompressed size modulo 2^32 (the executables are ~100 MiB). */
async function gzipContentSize(path: string): Promise<number> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const trailer = Buffer.alloc(4);
    await handle.read(trailer, 0, 4, size - 4);
    return trailer.readUInt32LE(0);
  } finally {
    await handle.close();
  }
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
