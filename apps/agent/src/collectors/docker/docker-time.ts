/**
 * Docker writes times as RFC 3339 with up to nine fractional digits (Go's RFC3339Nano trims
 * trailing zeros, log timestamps keep all nine). JavaScript's Date keeps milliseconds only, so
 * times travel as nanoseconds in a bigint and are rendered back with all nine digits.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9})\d*)?(Z|[+-]\d{2}:\d{2})$/;

const NS_PER_MS = 1_000_000n;
const NS_PER_S = 1_000_000_000n;

/** Nanoseconds since the epoch, or null for Go's zero time ("0001-01-01T00:00:00Z") and junk. */
export function parseDockerTimeNs(value: string): bigint | null {
  const match = RFC3339.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction = '', zone = 'Z'] = match;
  if (Number(year) <= 1) return null;
  const ms = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  if (Number.isNaN(ms)) return null;
  const ns = BigInt(ms) * NS_PER_MS + BigInt(fraction.padEnd(9, '0'));
  return ns - zoneOffsetNs(zone);
}

function zoneOffsetNs(zone: string): bigint {
  if (zone === 'Z') return 0n;
  const sign = zone.startsWith('-') ? -1n : 1n;
  const hours = BigInt(zone.slice(1, 3));
  const minutes = BigInt(zone.slice(4, 6));
  return sign * (hours * 3600n + minutes * 60n) * NS_PER_S;
}

/** ISO-8601 UTC with nine fractional digits, e.g. "2025-03-01T10:00:00.123456789Z". */
export function nsToIso(ns: bigint): string {
  const seconds = ns / NS_PER_S;
  const fraction = ns % NS_PER_S;
  const whole = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  return `${whole}.${fraction.toString().padStart(9, '0')}Z`;
}

/** Docker's `since`/`until` query form: "<seconds>.<nanoseconds>" (inclusive on the engine side). */
export function nsToDockerSince(ns: bigint): string {
  return `${ns / NS_PER_S}.${(ns % NS_PER_S).toString().padStart(9, '0')}`;
}

export function nowNs(): bigint {
  return BigInt(Date.now()) * NS_PER_MS;
}

/** ISO form of a Docker time, or null for Docker's zero time. */
export function dockerTimeToIso(value: string): string | null {
  const ns = parseDockerTimeNs(value);
  return ns === null ? null : nsToIso(ns);
}
