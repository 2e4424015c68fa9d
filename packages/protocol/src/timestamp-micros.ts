const ZERO = 48;
// PostgreSQL refuses a time field longer than this ("invalid input syntax"): 128 fraction digits.
const MAX_FRACTION_DIGITS = 128;

/**
 * Microseconds since the Unix epoch of a protocol timestamp (`YYYY-MM-DDTHH:MM:SS[.fraction]Z`,
 * what ZTimestampSchema accepts), rounded as PostgreSQL's text input rounds it: the fraction is
 * read as a double (strtod), times 10^6, rounded half to even (rint); a fraction of 1 s carries
 * into the next second. NaN for a string not in that form; a RangeError for a fraction longer
 * than PostgreSQL reads, so the batch fails as it did when times went as text. Exact (a safe
 * integer) from 1685 to 2254; callers keep only times near now (the accepted window).
 */
export function timestampMicros(ts: string): number {
  const length = ts.length;
  if (length < 20 || ts.charCodeAt(length - 1) !== 90 /* Z */) return Number.NaN;
  const year = digits(ts, 0, 4);
  const month = digits(ts, 5, 2);
  const day = digits(ts, 8, 2);
  const seconds = digits(ts, 11, 2) * 3600 + digits(ts, 14, 2) * 60 + digits(ts, 17, 2);
  let micros = 0;
  if (length > 20) {
    if (ts.charCodeAt(19) !== 46 /* . */) return Number.NaN;
    micros = fractionMicros(ts, 20, length - 1);
  }
  return (daysFromCivil(year, month, day) * 86_400 + seconds) * 1_000_000 + micros;
}

function digits(ts: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i += 1) {
    const digit = ts.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

function fractionMicros(ts: string, from: number, to: number): number {
  const count = to - from;
  if (count === 0) return Number.NaN;
  if (count > MAX_FRACTION_DIGITS)
    throw new RangeError(`invalid input syntax for type timestamp: ${count} fraction digits`);
  if (count <= 6) return digits(ts, from, count) * 10 ** (6 - count);
  // Beyond 6 digits PostgreSQL's arithmetic, step by step: strtod, × 10^6, rint.
  const text = ts.slice(from, to);
  if (!/^\d+$/.test(text)) return Number.NaN;
  const fraction = Number(`0.${text}`);
  return roundHalfEven(fraction * 1_000_000);
}

function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const rest = value - floor;
  if (rest > 0.5) return floor + 1;
  if (rest < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
