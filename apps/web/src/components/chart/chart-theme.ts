/** Series colours, distinguishable in both themes (and for the common colour-vision deficiencies, in order). */
export const SERIES_COLORS = [
  '#4c7dff',
  '#12a67a',
  '#e8833a',
  '#c655d6',
  '#e5484d',
  '#0fa3b1',
  '#c99a06',
  '#7c6cf2',
];

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length] ?? '#4c7dff';
}

/** `#rrggbb` at `alpha`, for area fills. */
export function withAlpha(hex: string, alpha: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}

export type ChartColors = { axis: string; grid: string };

/** Canvas cannot read CSS variables, so the theme's chart colours are read from <html> when it changes. */
export function readChartColors(): ChartColors {
  const style = getComputedStyle(document.documentElement);
  return {
    axis: style.getPropertyValue('--chart-axis').trim() || '#5b6472',
    grid: style.getPropertyValue('--chart-grid').trim() || 'rgba(128,128,128,0.15)',
  };
}

export const CHART_FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';
