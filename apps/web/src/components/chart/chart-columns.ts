/** The chart's mutable columns: `t` ascending epoch ms, one value column per series. */
export type Columns = { t: number[]; values: (number | null)[][] };

/** New points for `append`: same layout as the chart's series. */
export type LivePoints = { t: number[]; values: (number | null)[][] };

/** Hard cap on points kept for live tail, whatever the window (memory stays bounded). */
export const MAX_POINTS = 200_000;

/**
 * Appends live points in place and drops those that fell out of the window (`keepMs`
 * before the newest point), or beyond `MAX_POINTS`. Points not newer than the last one
 * are ignored: a live stream that replays after a reconnect must not fold time back.
 * Returns how many points were appended.
 */
export function appendColumns(columns: Columns, points: LivePoints, keepMs: number | null): number {
  let appended = 0;
  let last = columns.t.length ? (columns.t[columns.t.length - 1] ?? -Infinity) : -Infinity;
  for (let i = 0; i < points.t.length; i++) {
    const ts = points.t[i];
    if (ts === undefined || !(ts > last)) continue;
    columns.t.push(ts);
    for (let s = 0; s < columns.values.length; s++) columns.values[s]?.push(points.values[s]?.[i] ?? null);
    last = ts;
    appended++;
  }
  trimColumns(columns, keepMs);
  return appended;
}

function trimColumns(columns: Columns, keepMs: number | null): void {
  const newest = columns.t[columns.t.length - 1];
  if (newest === undefined) return;
  let drop = Math.max(0, columns.t.length - MAX_POINTS);
  if (keepMs !== null) {
    const cutoff = newest - keepMs;
    while (drop < columns.t.length && (columns.t[drop] ?? Infinity) < cutoff) drop++;
  }
  if (drop === 0) return;
  columns.t.splice(0, drop);
  for (const column of columns.values) column.splice(0, drop);
}

/** The window shown: `rangeMs` ending at the newest point (or the data's full extent without a range). */
export function visibleWindow(
  t: readonly number[],
  rangeMs: number | null,
): { min: number; max: number } | null {
  const newest = t[t.length - 1];
  const oldest = t[0];
  if (newest === undefined || oldest === undefined) return null;
  if (rangeMs === null)
    return oldest === newest ? { min: oldest - 60_000, max: newest } : { min: oldest, max: newest };
  return { min: newest - rangeMs, max: newest };
}
