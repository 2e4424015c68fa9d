import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ZBatchGapSchema } from '@berth/protocol';
import * as z from 'zod/mini';
import { META_FILE } from './spool-files.js';
import { writeFileAtomic } from './write-file-atomic.js';

/**
 * What the spool keeps besides the batches. `nextSeq` survives an empty spool (all acked), which
 * is what keeps a seq from ever being reused; `gaps` are drops not yet reported in a batch.
 */
export const ZSpoolMetaSchema = z.object({
  version: z.literal(1),
  nextSeq: z.int().check(z.gte(1)),
  lastAckedSeq: z.int().check(z.gte(0)),
  gaps: z.array(ZBatchGapSchema),
});
export type SpoolMeta = z.infer<typeof ZSpoolMetaSchema>;

export const EMPTY_SPOOL_META: SpoolMeta = { version: 1, nextSeq: 1, lastAckedSeq: 0, gaps: [] };

export type ReadMetaResult = { meta: SpoolMeta; problem?: string };

/** A missing meta file is a new spool; an unreadable one is reported and rebuilt from the batches. */
export async function readSpoolMeta(dir: string): Promise<ReadMetaResult> {
  let text: string;
  try {
    text = await readFile(join(dir, META_FILE), 'utf8');
  } catch (error) {
    if (isNotFound(error)) return { meta: EMPTY_SPOOL_META };
    throw error;
  }
  try {
    const parsed = ZSpoolMetaSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { meta: parsed.data };
    return { meta: EMPTY_SPOOL_META, problem: parsed.error.message };
  } catch (error) {
    return { meta: EMPTY_SPOOL_META, problem: String(error) };
  }
}

export async function writeSpoolMeta(dir: string, meta: SpoolMeta, durable: boolean): Promise<void> {
  await writeFileAtomic(join(dir, META_FILE), JSON.stringify(meta), { durable });
}

export function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
