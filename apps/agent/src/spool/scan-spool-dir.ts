import { readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { type BatchGap, ZBatchGapSchema } from '@berth/protocol';
import { META_FILE, parseBatchFileName } from './spool-files.js';
import { TEMP_SUFFIX } from './write-file-atomic.js';

/** One batch on disk: its seq, size, and the gap it reports (if any), kept so a drop can re-queue it. */
export type SpoolEntry = { seq: number; bytes: number; gap?: BatchGap };

export type ScanProblem = { file: string; problem: string };

export type ScanResult = { entries: SpoolEntry[]; removed: ScanProblem[] };

/**
 * Lists the complete batches in a spool directory, in seq order. Temporary files (a crash
 * mid-write) and batch files that do not parse or do not match their name are deleted, never sent.
 */
export async function scanSpoolDir(dir: string): Promise<ScanResult> {
  const entries: SpoolEntry[] = [];
  const removed: ScanProblem[] = [];
  for (const name of await readdir(dir)) {
    if (name === META_FILE) continue;
    const seq = parseBatchFileName(name);
    if (seq === undefined) {
      if (name.endsWith(TEMP_SUFFIX)) {
        await unlink(join(dir, name));
        removed.push({ file: name, problem: 'partial write (temporary file)' });
      }
      continue;
    }
    const text = await readFile(join(dir, name), 'utf8');
    const checked = checkBatchText(text, seq);
    if (typeof checked === 'string') {
      await unlink(join(dir, name));
      removed.push({ file: name, problem: checked });
      continue;
    }
    entries.push({ seq, bytes: Buffer.byteLength(text), ...(checked.gap ? { gap: checked.gap } : {}) });
  }
  entries.sort((a, b) => a.seq - b.seq);
  return { entries, removed };
}

/** Cheap structural check; the full schema was applied before the batch was spooled. */
function checkBatchText(text: string, seq: number): { gap?: BatchGap } | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not valid JSON (truncated?)';
  }
  if (typeof value !== 'object' || value === null) return 'not a JSON object';
  const frame = value as Record<string, unknown>;
  if (frame.type !== 'batch') return 'not a batch frame';
  if (frame.seq !== seq) return `holds seq ${String(frame.seq)}, not ${seq}`;
  if (frame.gap === undefined) return {};
  const gap = ZBatchGapSchema.safeParse(frame.gap);
  return gap.success ? { gap: gap.data } : 'invalid gap';
}
