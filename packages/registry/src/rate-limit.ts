export type RateLimit = {
  limit: number;
  remaining: number;
  /** The window the numbers count over (Docker Hub: 21600 s = 6 h). */
  windowSeconds?: number;
};

/** `100;w=21600` → { value: 100, window: 21600 }. */
function parseQuota(header: string | null): { value: number; window?: number } | undefined {
  if (!header) return undefined;
  const match = /^\s*(\d+)\s*(?:;\s*w\s*=\s*(\d+))?/.exec(header);
  if (!match) return undefined;
  const window = match[2] === undefined ? undefined : Number(match[2]);
  return { value: Number(match[1]), ...(window === undefined ? {} : { window }) };
}

/** Docker Hub's pull quota from `ratelimit-limit` / `ratelimit-remaining`; undefined elsewhere. */
export function parseRateLimit(headers: Headers): RateLimit | undefined {
  const limit = parseQuota(headers.get('ratelimit-limit'));
  const remaining = parseQuota(headers.get('ratelimit-remaining'));
  if (!limit || !remaining) return undefined;
  const windowSeconds = remaining.window ?? limit.window;
  return {
    limit: limit.value,
    remaining: remaining.value,
    ...(windowSeconds === undefined ? {} : { windowSeconds }),
  };
}

/** When a 429 lifts, from `Retry-After` (seconds or an HTTP date). */
export function parseRetryAfter(headers: Headers, now: Date): Date | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return new Date(now.getTime() + Number(value.trim()) * 1000);
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
