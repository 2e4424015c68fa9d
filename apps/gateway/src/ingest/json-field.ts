/** JSON for a jsonb column: `\u0000` escapes are refused by jsonb, so NUL is replaced first. */
export function jsonField(value: unknown): string {
  return JSON.stringify(value).replace(/\\u0000/g, '\\ufffd');
}
