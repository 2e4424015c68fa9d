/**
 * Where to go after signing in: only a path on this site. Anything else (another origin,
 * `//evil.example`, `/\evil`, javascript:) falls back, so the parameter cannot be used
 * as an open redirect.
 */
export function safeCallbackUrl(value: unknown, fallback = '/fleet'): string {
  if (typeof value !== 'string' || value.length > 2048) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  try {
    const resolved = new URL(value, 'http://console.invalid');
    if (resolved.origin !== 'http://console.invalid') return fallback;
    return `${resolved.pathname}${resolved.search}${resolved.hash}`;
  } catch {
    return fallback;
  }
}
