/**
 * The two wire formats Prometheus reads. They differ in three places only: the content type,
 * a counter family's name (OpenMetrics names the family without `_total`, its samples keep
 * it), timestamps (milliseconds in 0.0.4, seconds in OpenMetrics), and OpenMetrics' `# EOF`.
 */
export type ExpositionFormat = 'prometheus' | 'openmetrics';

export const CONTENT_TYPES: Record<ExpositionFormat, string> = {
  prometheus: 'text/plain; version=0.0.4; charset=utf-8',
  openmetrics: 'application/openmetrics-text; version=1.0.0; charset=utf-8',
};

/**
 * OpenMetrics when the Accept header lists it with a higher (or equal) preference than the
 * 0.0.4 text format, as Prometheus's own header does; the text format otherwise.
 */
export function negotiateFormat(accept: string | undefined): ExpositionFormat {
  if (!accept) return 'prometheus';
  let openMetrics = -1;
  let text = -1;
  for (const part of accept.split(',')) {
    const [type = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = qualityOf(params);
    if (type === 'application/openmetrics-text') openMetrics = Math.max(openMetrics, q);
    else if (type === 'text/plain') text = Math.max(text, q);
  }
  return openMetrics > 0 && openMetrics >= text ? 'openmetrics' : 'prometheus';
}

function qualityOf(params: string[]): number {
  const q = params.find((param) => param.startsWith('q='));
  if (!q) return 1;
  const value = Number(q.slice(2));
  return Number.isFinite(value) ? value : 0;
}

/** A label value with `\`, `"` and newlines escaped (the same rule in both formats). */
export function escapeLabelValue(value: string): string {
  return /[\\"\n]/.test(value) ? value.replace(/[\\"\n]/g, escapeChar) : value;
}

function escapeChar(char: string): string {
  return char === '\n' ? '\\n' : `\\${char}`;
}

/** ` <timestamp>` after a sample taken at `epochMs`, in the format's unit. */
export function timestampSuffix(format: ExpositionFormat, epochMs: number): string {
  const ms = Math.round(epochMs);
  return format === 'prometheus' ? ` ${ms}` : ` ${(ms / 1000).toFixed(3)}`;
}

/** A sample value: integers as such, others in JavaScript's shortest round-trip form. */
export function formatValue(value: number): string {
  if (Number.isFinite(value)) return String(value);
  return Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
}
