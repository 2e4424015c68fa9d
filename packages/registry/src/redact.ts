const MASK = '***';

/** Replaces every secret (and its base64 forms used in `Authorization` headers) in `text`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    out = out.split(secret).join(MASK);
  }
  // Userinfo in URLs and bearer/basic header values, whatever produced them.
  return out
    .replace(/(\/\/)[^/@\s]+@/g, `$1${MASK}@`)
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${MASK}`);
}
