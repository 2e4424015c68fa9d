import uPlot from 'uplot';
import type { SeriesColumn, Unit } from '@/lib/chart-data';
import { axisWidth, BYTE_INCREMENTS, formatTick, unitsOf, valueRange } from './axis-format';
import styles from './chart.module.css';
import { CHART_FONT, type ChartColors, seriesColor, withAlpha } from './chart-theme';
import { type TooltipSeries, tooltipPlugin } from './chart-tooltip';

type OptionsInput = {
  series: readonly Pick<SeriesColumn, 'name' | 'unit'>[];
  width: number;
  height: number;
  timeZone: string;
  /** Read at every draw, so a theme change needs only a redraw. */
  colors: () => ChartColors;
  /** Called when the person drag-selects a time span (zoom). */
  onZoom: () => void;
};

export function tooltipSeriesOf(series: OptionsInput['series']): TooltipSeries[] {
  return series.map((entry, index) => ({ name: entry.name, unit: entry.unit, color: seriesColor(index) }));
}

/** uPlot options for columnar time series: ms timestamps, one value axis per unit (two at most drawn). */
export function buildChartOptions(input: OptionsInput): uPlot.Options {
  const { colors } = input;
  const units = unitsOf(input.series);
  const single = input.series.length === 1;
  const axisBase = {
    stroke: () => colors().axis,
    font: CHART_FONT,
    ticks: { stroke: () => colors().grid, width: 1, size: 4 },
    border: { show: false },
  };
  const tooltipSeries = tooltipSeriesOf(input.series);
  return {
    width: input.width,
    height: input.height,
    ms: 1,
    tzDate: (ts) => uPlot.tzDate(new Date(ts), input.timeZone),
    legend: { show: false },
    padding: [10, 8, 0, 0],
    cursor: {
      drag: { x: true, y: false, setScale: true },
      points: { size: 7, width: 2 },
      focus: { prox: 30 },
    },
    focus: { alpha: 0.4 },
    scales: {
      x: { time: true },
      ...Object.fromEntries(
        units.map((unit) => [
          unit,
          { range: (_u: uPlot, min: number, max: number) => valueRange(min, max, unit) },
        ]),
      ),
    },
    axes: [
      { ...axisBase, space: 80, grid: { stroke: () => colors().grid, width: 1 } },
      ...units.map((unit, index) => valueAxis(unit, index, axisBase, colors)),
    ],
    series: [
      {},
      ...input.series.map((entry, index) => ({
        label: entry.name,
        scale: entry.unit,
        stroke: seriesColor(index),
        width: 1.5,
        fill: single ? withAlpha(seriesColor(index), 0.12) : undefined,
        points: { show: false },
        spanGaps: false,
      })),
    ],
    hooks: {
      setSelect: [
        (u) => {
          if (u.select.width > 2) input.onZoom();
        },
      ],
    },
    plugins: [
      tooltipPlugin(() => tooltipSeries, input.timeZone, {
        tooltip: styles.tooltip ?? '',
        tooltipTime: styles.tooltipTime ?? '',
        tooltipRow: styles.tooltipRow ?? '',
        tooltipName: styles.tooltipName ?? '',
        tooltipValue: styles.tooltipValue ?? '',
        swatch: styles.swatch ?? '',
      }),
    ],
  };
}

function valueAxis(
  unit: Unit,
  index: number,
  base: Partial<uPlot.Axis>,
  colors: () => ChartColors,
): uPlot.Axis {
  return {
    ...base,
    scale: unit,
    // The first unit on the left with the grid, the second on the right; more share the right.
    side: index === 0 ? 3 : 1,
    grid: { show: index === 0, stroke: () => colors().grid, width: 1 },
    values: (_u, splits) => splits.map((value) => formatTick(value, unit)),
    size: (_u, values) => axisWidth(values ?? []),
    ...(unit === 'bytes' ? { incrs: BYTE_INCREMENTS } : {}),
    show: index < 2,
  };
}
