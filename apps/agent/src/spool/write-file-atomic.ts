import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Every temporary file ends with this, so a scan on start can recognise (and remove) leftovers. */
export const TEMP_SUFFIX = '.tmp';

export type WriteFileAtomicOptions = {
  /** File mode of the new file; applied at creation, so the data is never readable with a wider mode. */
  mode?: number;
  /** Skip the fsyncs (tests and benchmarks only: without them a power loss can leave an empty file). */
  durable?: boolean;
};

/**
 * Replaces `path` with `data` so that a reader (or a restart after kill -9 or power loss) sees the
 * old file or the new one, never a mix: write a temporary file in the same directory, fsync it,
 * rename it over the target, fsync the directory so the rename itself is on disk.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const durable = options.durable ?? true;
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  const handle = await open(temp, 'wx', options.mode ?? 0o600);
  try {
    await handle.writeFile(data);
    if (durable) await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  if (durable) await fsyncDir(dirname(path));
}

/** Makes a directory entry change (create, rename) durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
