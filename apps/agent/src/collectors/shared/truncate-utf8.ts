export const TRUNCATION_MARKER = '…[truncated]';
const MARKER_BYTES = Buffer.byteLength(TRUNCATION_MARKER);

/** The longest prefix of `bytes` that ends on a UTF-8 character boundary and fits in `maxBytes`. */
export function utf8Prefix(bytes: Buffer, maxBytes: number): Buffer {
  if (bytes.length <= maxBytes) return bytes;
  let end = maxBytes;
  // Step back over continuation bytes (10xxxxxx) so a multi-byte character is never split.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end);
}

/**
 * Text that fits the protocol's bounded text fields: NUL removed (PostgreSQL text refuses it) and
 * at most `maxBytes` of UTF-8, ending with the truncation marker when anything was cut.
 */
export function boundText(value: string, maxBytes: number, alreadyTruncated = false): string {
  const clean = value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  const bytes = Buffer.from(clean, 'utf8');
  if (!alreadyTruncated && bytes.length <= maxBytes) return clean;
  const room = Math.max(0, maxBytes - MARKER_BYTES);
  return `${utf8Prefix(bytes, room).toString('utf8')}${TRUNCATION_MARKER}`;
}

/** Like `boundText` without a marker: for keys and names, where a marker would change meaning. */
export function clipText(value: string, maxBytes: number): string {
  const clean = value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  // A UTF-16 unit is at most 3 UTF-8 bytes, so short strings need no encoding.
  if (clean.length * 3 <= maxBytes) return clean;
  return utf8Prefix(Buffer.from(clean, 'utf8'), maxBytes).toString('utf8');
}
