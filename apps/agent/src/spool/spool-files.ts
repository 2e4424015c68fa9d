/** 16 digits hold every safe integer, so names sort in seq order as plain strings. */
const SEQ_DIGITS = 16;
const BATCH_FILE = /^(\d{16})\.json$/;

export const META_FILE = 'meta.json';

export function batchFileName(seq: number): string {
  return `${String(seq).padStart(SEQ_DIGITS, '0')}.json`;
}

/** The seq a batch file holds, or undefined when the name is not a batch file's. */
export function parseBatchFileName(name: string): number | undefined {
  const match = BATCH_FILE.exec(name);
  if (!match?.[1]) return undefined;
  const seq = Number(match[1]);
  return Number.isSafeInteger(seq) && seq >= 1 ? seq : undefined;
}
