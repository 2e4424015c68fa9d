const encoder = new TextEncoder();
const STAR = 0x2a;
const QUESTION = 0x3f;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const CARET = 0x5e;
const BACKSLASH = 0x5c;
const DASH = 0x2d;

/**
 * Redis' `stringmatchlen` (util.c), ported byte for byte over UTF-8 so the in-memory bus matches patterns
 * exactly like PSUBSCRIBE: `*`, `?`, `[abc]`, `[^a]`, `[a-z]`, and `\` escapes.
 */
export function matchGlob(pattern: string, subject: string): boolean {
  return matchFrom(encoder.encode(pattern), 0, encoder.encode(subject), 0, { giveUp: false });
}

type State = { giveUp: boolean };

function matchFrom(p: Uint8Array, pi: number, s: Uint8Array, si: number, state: State): boolean {
  while (pi < p.length && si < s.length) {
    const c = p[pi];
    if (c === STAR) return matchStar(p, pi, s, si, state);
    if (c === QUESTION) {
      si++;
    } else if (c === OPEN) {
      const end = matchClass(p, pi + 1, s[si]);
      if (end.matched === false) return false;
      pi = end.index;
      si++;
    } else {
      if (c === BACKSLASH && p.length - pi >= 2) pi++;
      if (p[pi] !== s[si]) return false;
      si++;
    }
    pi++;
    if (si === s.length) {
      while (p[pi] === STAR) pi++;
      break;
    }
  }
  return pi === p.length && si === s.length;
}

function matchStar(p: Uint8Array, pi: number, s: Uint8Array, si: number, state: State): boolean {
  while (p[pi + 1] === STAR) pi++;
  if (pi === p.length - 1) return true;
  for (; si < s.length; si++) {
    if (matchFrom(p, pi + 1, s, si, state)) return true;
    // No suffix match from any later position either: longer matches of earlier stars cannot help.
    if (state.giveUp) return false;
  }
  state.giveUp = true;
  return false;
}

/** Evaluates `[...]` starting after `[`; `index` is left on the closing `]` (or the last byte). */
function matchClass(
  p: Uint8Array,
  start: number,
  byte: number | undefined,
): { matched: boolean; index: number } {
  let pi = start;
  const negate = p[pi] === CARET;
  if (negate) pi++;
  let matched = false;
  for (;;) {
    if (p[pi] === BACKSLASH && p.length - pi >= 2) {
      pi++;
      if (p[pi] === byte) matched = true;
    } else if (p[pi] === CLOSE) {
      break;
    } else if (pi >= p.length) {
      pi--;
      break;
    } else if (p.length - pi >= 3 && p[pi + 1] === DASH) {
      matched = inRange(p[pi], p[pi + 2], byte) || matched;
      pi += 2;
    } else if (p[pi] === byte) {
      matched = true;
    }
    pi++;
  }
  return { matched: negate ? !matched : matched, index: pi };
}

function inRange(a: number | undefined, b: number | undefined, byte: number | undefined): boolean {
  if (a === undefined || b === undefined || byte === undefined) return false;
  return byte >= Math.min(a, b) && byte <= Math.max(a, b);
}

/** Escapes glob characters so a literal (e.g. the bus prefix) can be put in front of a pattern. */
export function escapeGlob(literal: string): string {
  return literal.replace(/[*?[\]\\]/g, '\\$&');
}
