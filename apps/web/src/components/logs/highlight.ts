import type { AnsiSegment, AnsiStyle } from './ansi';

export type Range = { start: number; end: number };

/** Non-overlapping occurrences of `needle` (already lower-cased) in `haystack` (lower-cased). */
export function findMatches(haystack: string, needle: string, limit = 1000): Range[] {
  if (!needle) return [];
  const ranges: Range[] = [];
  let from = 0;
  while (ranges.length < limit) {
    const start = haystack.indexOf(needle, from);
    if (start < 0) break;
    ranges.push({ start, end: start + needle.length });
    from = start + needle.length;
  }
  return ranges;
}

export type Piece = { text: string; style: AnsiStyle; match: boolean };

/** Cuts styled segments at match boundaries so a match spanning colours is marked whole. */
export function markSegments(segments: readonly AnsiSegment[], ranges: readonly Range[]): Piece[] {
  if (ranges.length === 0) return segments.map((segment) => ({ ...segment, match: false }));
  const pieces: Piece[] = [];
  let offset = 0;
  let r = 0;
  for (const segment of segments) {
    const segmentEnd = offset + segment.text.length;
    let cursor = offset;
    while (cursor < segmentEnd) {
      while (r < ranges.length && (ranges[r]?.end ?? 0) <= cursor) r++;
      const range = ranges[r];
      const inMatch = range !== undefined && range.start <= cursor;
      const stop = range === undefined ? segmentEnd : Math.min(segmentEnd, inMatch ? range.end : range.start);
      pieces.push({
        text: segment.text.slice(cursor - offset, stop - offset),
        style: segment.style,
        match: inMatch,
      });
      cursor = stop;
    }
    offset = segmentEnd;
  }
  return pieces;
}
