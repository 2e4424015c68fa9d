/** Canonical Redis stream id: `<ms>-<seq>`, both unsigned 64-bit integers without leading zeros. */
const EVENT_ID = /^(0|[1-9]\d{0,19})-(0|[1-9]\d{0,19})$/;
const U64_MAX = 2n ** 64n - 1n;

export type ParsedEventId = { ms: bigint; seq: bigint };

export function parseEventId(id: string): ParsedEventId | null {
  const match = EVENT_ID.exec(id);
  if (!match?.[1] || !match[2]) return null;
  const ms = BigInt(match[1]);
  const seq = BigInt(match[2]);
  return ms > U64_MAX || seq > U64_MAX ? null : { ms, seq };
}

/** True for ids the bus can hand out; use it to validate a client's `Last-Event-ID`. */
export function isEventId(id: string): boolean {
  return parseEventId(id) !== null;
}

/** Orders ids like Redis does (numerically by ms, then seq). Throws on a malformed id. */
export function compareEventIds(a: string, b: string): number {
  const left = parseEventId(a);
  const right = parseEventId(b);
  if (!left || !right) throw new TypeError(`not an event id: ${left ? b : a}`);
  if (left.ms !== right.ms) return left.ms < right.ms ? -1 : 1;
  if (left.seq !== right.seq) return left.seq < right.seq ? -1 : 1;
  return 0;
}
