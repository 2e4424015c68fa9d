import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { link, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { boundText } from '@berth/protocol';

const run = promisify(execFile);

/** The executable is ~100-105 MiB (the Bun runtime); anything far larger is not ours. */
const MAX_EXECUTABLE_BYTES = 192 * 1024 * 1024;
const MAX_CHECKSUM_BYTES = 1024;
const DOWNLOAD_TIMEOUT_MS = 120_000;

export type ReplaceExecutableInput = {
  /** The running executable, replaced in place (its directory must be writable). */
  executablePath: string;
  /** The Berth URL serving `/agent/<name>` and its `.sha256`. */
  baseUrl: string;
  /** `berth-agent-linux-<arch>-<libc>`: the build for this host, as install.sh chose it. */
  name: string;
  /** The version the new executable must report (`--version`), or nothing is replaced. */
  expectedVersion: string;
};

/**
 * Downloads the agent executable, checks it against the server's sha256 and that it starts and
 * reports `expectedVersion`, then swaps it in atomically: written to a temporary file in the same
 * directory, fsynced, the old executable kept as `<path>.prev` (for rollback by hand), renamed
 * over it, directory fsynced. Any failure throws and leaves the installed executable untouched.
 */
export async function replaceExecutable(input: ReplaceExecutableInput): Promise<{ previousPath: string }> {
  const bundleUrl = `${input.baseUrl}/agent/${input.name}`;
  const checksumText = (await download(`${bundleUrl}.sha256`, MAX_CHECKSUM_BYTES)).toString('utf8');
  const expected = /^([0-9a-f]{64})\b/.exec(checksumText)?.[1];
  if (!expected) throw new Error(`${bundleUrl}.sha256 is not a sha256 checksum file`);
  const body = await download(bundleUrl, MAX_EXECUTABLE_BYTES);
  const actual = createHash('sha256').update(body).digest('hex');
  if (actual !== expected) {
    throw new Error(
      `checksum mismatch for ${bundleUrl} (expected ${expected}, got ${actual}): nothing was replaced`,
    );
  }
  const temp = `${input.executablePath}.download`;
  const previousPath = `${input.executablePath}.prev`;
  try {
    await writeDurably(temp, body);
    await checkVersion(temp, input.expectedVersion);
    await rm(previousPath, { force: true });
    await link(input.executablePath, previousPath);
    await rename(temp, input.executablePath);
    await syncDirectory(path.dirname(input.executablePath));
  } finally {
    await rm(temp, { force: true });
  }
  return { previousPath };
}

async function download(url: string, maxBytes: number): Promise<Buffer> {
  const response = await fetch(url, {
    redirect: 'follow',
    signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
  }).catch((error: Error & { cause?: { message?: string } }) => {
    // fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND…) is its cause.
    throw new Error(`cannot download ${url}: ${error.cause?.message ?? error.message}`);
  });
  if (!response.ok) {
    const text = boundText(await response.text(), 200);
    throw new Error(`downloading ${url} failed (HTTP ${response.status}): ${text}`);
  }
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > maxBytes) throw new Error(`${url} is ${length} bytes, more than ${maxBytes}`);
  const body = Buffer.from(await response.arrayBuffer());
  if (body.length > maxBytes) throw new Error(`${url} is more than ${maxBytes} bytes`);
  return body;
}

async function writeDurably(file: string, body: Buffer): Promise<void> {
  const handle = await open(file, 'w', 0o755);
  try {
    await handle.writeFile(body);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The new executable must start on this host and be the version the gateway announced. */
async function checkVersion(file: string, expectedVersion: string): Promise<void> {
  const wanted = `berth-agent ${expectedVersion}`;
  const { stdout } = await run(file, ['--version'], { timeout: 30_000, env: {} }).catch(
    (error: { stderr?: string; message: string }) => {
      throw new Error(
        `the downloaded agent does not start: ${(error.stderr ?? error.message).slice(0, 300)}`,
      );
    },
  );
  if (stdout.trim() !== wanted) {
    throw new Error(
      `the downloaded agent reports "${stdout.trim().slice(0, 100)}", not "${wanted}": nothing was replaced`,
    );
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
