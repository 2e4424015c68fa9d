import type { HttpResponse } from './http-send.js';

export type DeliveryOutcome =
  | { ok: true; status: number | null }
  | {
      ok: false;
      /** Worth trying again later (receiver down, rate-limited, network); false: fix the channel. */
      retryable: boolean;
      /** What the receiver asked for (Retry-After, Telegram's retry_after, Matrix's retry_after_ms). */
      retryAfterMs: number | null;
      /** For people: names the receiver's answer, never a secret of the channel. */
      error: string;
    };

/** A receiver asking for more than an hour is answered by the caller's own backoff cap. */
const MAX_RETRY_AFTER_MS = 3_600_000;

export function clampRetryAfter(ms: number | null): number | null {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return null;
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}

/** `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2026 07:28:00 GMT`. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return null;
  if (/^\d+$/.test(text.trim())) return clampRetryAfter(Number(text.trim()) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : clampRetryAfter(Math.max(0, at - now));
}

/**
 * The usual reading of an HTTP answer: 2xx delivered; 408, 425, 429 and 5xx worth retrying;
 * any other status (a 3xx included: redirects are not followed) needs the channel fixed.
 */
export function outcomeOfResponse(response: HttpResponse, receiver: string): DeliveryOutcome {
  const { status } = response;
  if (status >= 200 && status < 300) return { ok: true, status };
  const retryable = status === 408 || status === 425 || status === 429 || status >= 500;
  const snippet = response.body.trim().replace(/\s+/g, ' ').slice(0, 200);
  return {
    ok: false,
    retryable,
    retryAfterMs: retryable ? parseRetryAfter(response.headers['retry-after']) : null,
    error: `${receiver} answered HTTP ${status}${snippet ? `: ${snippet}` : ''}`,
  };
}

/** Network-level failures: the destination guard and TLS problems need a person; the rest may pass. */
export function outcomeOfError(error: unknown, receiver: string): DeliveryOutcome {
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  const permanent =
    code === 'EBERTH_BLOCKED_DESTINATION' ||
    code === 'ERR_INVALID_URL' ||
    code.startsWith('ERR_TLS') ||
    /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code);
  return {
    ok: false,
    retryable: !permanent,
    retryAfterMs: null,
    error: `${receiver} could not be reached: ${message}${code && !message.includes(code) ? ` (${code})` : ''}`,
  };
}

/**
 * Replaces every secret value of the channel in `text`: tokens live in URLs (Telegram's bot
 * token, Slack's webhook path) and receivers sometimes echo them back in errors.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so a secret containing another is replaced whole.
  for (const secret of secrets.flatMap(secretForms).sort((a, b) => b.length - a.length)) {
    if (secret.length < 4) continue;
    out = out.split(secret).join('[redacted]');
    // The same value URL-encoded, as it appears in paths and query strings.
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join('[redacted]');
  }
  return out;
}

export function redactOutcome(outcome: DeliveryOutcome, secrets: readonly string[]): DeliveryOutcome {
  return outcome.ok ? outcome : { ...outcome, error: redactSecrets(outcome.error, secrets) };
}

/**
 * A secret URL (a Slack or Discord webhook) leaks through any of its parts: receivers echo the
 * path, not the URL. Its path, query, password and every path segment or query value long
 * enough to be a token count as secrets too.
 */
function secretForms(secret: string): string[] {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(secret)) return [secret];
  let url: URL;
  try {
    url = new URL(secret);
  } catch {
    return [secret];
  }
  const forms = [secret, `${url.pathname}${url.search}`];
  if (url.password) forms.push(url.password, decodeURIComponent(url.password));
  for (const segment of url.pathname.split('/'))
    if (segment.length >= 10) forms.push(segment, decodeURIComponent(segment));
  for (const value of url.searchParams.values()) if (value.length >= 10) forms.push(value);
  return forms.filter((form) => form.length >= 4 && form !== '/');
}
