import { readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { batchFileName, parseBatchFileName } from './spool-files.js';
import { fsyncDir, writeFileAtomic } from './write-file-atomic.js';

export type RejectedNote = { seq: number; reason: string; rejectedAt: string };

/**
 * Moves a batch the gateway keeps refusing out of the spool into `rejectedDir`, with a note saying
 * why, for a human to inspect. Only the newest `keep` rejected batches are kept.
 */
export async function moveToRejected(
  spoolDir: string,
  rejectedDir: string,
  note: RejectedNote,
  keep: number,
): Promise<void> {
  const name = batchFileName(note.seq);
  await writeFileAtomic(join(rejectedDir, `${name}.reason.json`), JSON.stringify(note));
  await rename(join(spoolDir, name), join(rejectedDir, name));
  await fsyncDir(rejectedDir);
  await pruneRejected(rejectedDir, keep);
}

async function pruneRejected(rejectedDir: string, keep: number): Promise<void> {
  const seqs = (await readdir(rejectedDir))
    .map((name) => parseBatchFileName(name))
    .filter((seq): seq is number => seq !== undefined)
    .sort((a, b) => a - b);
  for (const seq of seqs.slice(0, Math.max(0, seqs.length - keep))) {
    const name = batchFileName(seq);
    await unlink(join(rejectedDir, name)).catch(() => undefined);
    await unlink(join(rejectedDir, `${name}.reason.json`)).catch(() => undefined);
  }
}
