/**
 * PostgreSQL COPY text format: tab-separated, newline-terminated, `\N` for NULL, and
 * backslash escapes for backslash, tab, newline and carriage return. NUL cannot be
 * stored in text or jsonb at all, so it becomes U+FFFD rather than failing the batch.
 */
const NUL = String.fromCharCode(0);
const SPECIAL = new RegExp(`[\\\\\t\n\r${NUL}]`);
const SPECIAL_ALL = new RegExp(SPECIAL.source, 'g');
const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  [NUL]: '\uFFFD',
};

export type CopyValue = string | number | bigint | boolean | null;

export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'string') {
    return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (char) => ESCAPES[char] ?? char) : value;
  }
  return String(value);
}

export function copyRow(values: readonly CopyValue[]): string {
  let row = copyField(values[0] ?? null);
  for (let i = 1; i < values.length; i += 1) row += `\t${copyField(values[i] ?? null)}`;
  return `${row}\n`;
}

/** JSON for a jsonb column: `\u0000` escapes are refused by jsonb, so NUL is replaced first. */
export function jsonField(value: unknown): string {
  return JSON.stringify(value).replace(/\\u0000/g, '\\ufffd');
}
