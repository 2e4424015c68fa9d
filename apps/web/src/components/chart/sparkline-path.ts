/**
 * SVG path of a sparkline: values scaled into `width`×`height` (min…max of the data, or
 * from 0 when all are positive), nulls break the line, and more values than pixels are
 * reduced to each pixel column's min and max so spikes survive.
 */
export function sparklinePath(
  values: readonly (number | null)[],
  width: number,
  height: number,
  pad = 1.5,
): string {
  const points = reduceToColumns(values, Math.max(1, Math.floor(width)));
  let min = Infinity;
  let max = -Infinity;
  for (const point of points) {
    if (point.value === null) continue;
    if (point.value < min) min = point.value;
    if (point.value > max) max = point.value;
  }
  if (min === Infinity) return '';
  if (min > 0) min = 0;
  const span = max - min || 1;
  const last = Math.max(1, points[points.length - 1]?.x ?? 1);
  const scaleY = (value: number) => pad + (height - 2 * pad) * (1 - (value - min) / span);
  let path = '';
  let drawing = false;
  for (const point of points) {
    if (point.value === null) {
      drawing = false;
      continue;
    }
    const x = (point.x / last) * width;
    path += `${drawing ? 'L' : 'M'}${round(x)} ${round(scaleY(point.value))}`;
    drawing = true;
  }
  return path;
}

type Point = { x: number; value: number | null };

function reduceToColumns(values: readonly (number | null)[], columns: number): Point[] {
  if (values.length <= columns * 2) return values.map((value, x) => ({ x, value }));
  const points: Point[] = [];
  const perColumn = values.length / columns;
  for (let column = 0; column < columns; column++) {
    let low: number | null = null;
    let high: number | null = null;
    const end = Math.min(values.length, Math.floor((column + 1) * perColumn));
    for (let i = Math.floor(column * perColumn); i < end; i++) {
      const value = values[i];
      if (value === null || value === undefined) continue;
      if (low === null || value < low) low = value;
      if (high === null || value > high) high = value;
    }
    const x = column * perColumn;
    points.push({ x, value: low }, { x: x + perColumn / 2, value: high });
  }
  return points;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
