'use client';

import { type Ref, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTimeZone } from '@/components/ui/time-zone';
import type { ChartData } from '@/lib/chart-data';
import { formatValue } from '@/lib/format/format-value';
import { useResolvedTheme } from '@/lib/theme/use-theme';
import { buildChartOptions } from './build-chart-options';
import styles from './chart.module.css';
import { appendColumns, type Columns, type LivePoints, visibleWindow } from './chart-columns';
import { type ChartColors, readChartColors, seriesColor } from './chart-theme';

export type TimeSeriesChartHandle = {
  /** Live tail: adds points (same series order as `data`) without re-creating the chart. */
  append(points: LivePoints): void;
};

type TimeSeriesChartProps = {
  data: ChartData;
  /** Visible window ending at the newest point; null shows all data. */
  rangeMs?: number | null;
  height?: number;
  /** Accessible name of the figure, e.g. "CPU of web-1". */
  label: string;
  ref?: Ref<TimeSeriesChartHandle>;
};

function toColumns(data: ChartData): Columns {
  return { t: [...data.t], values: data.series.map((entry) => [...entry.values]) };
}

function lastValues(columns: Columns): (number | null)[] {
  return columns.values.map((column) => {
    for (let i = column.length - 1; i >= 0; i--) {
      const value = column[i];
      if (value !== null && value !== undefined) return value;
    }
    return null;
  });
}

/**
 * A uPlot time-series chart: several series, one value axis per unit, tooltip, legend with
 * toggles, drag-to-zoom (double-click resets), resize- and theme-aware, and `append` for
 * live tail. The uPlot instance lives as long as the series' names and units stay the same.
 */
export function TimeSeriesChart({ data, rangeMs = null, height = 220, label, ref }: TimeSeriesChartProps) {
  const plotRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | null>(null);
  const columnsRef = useRef<Columns>(toColumns(data));
  const rangeRef = useRef(rangeMs);
  const zoomedRef = useRef(false);
  const pendingRef = useRef<LivePoints[]>([]);
  const frameRef = useRef(0);
  const colorsRef = useRef<ChartColors>({ axis: '#888', grid: 'rgba(128,128,128,0.15)' });
  const [latest, setLatest] = useState(() => lastValues(columnsRef.current));
  const [hidden, setHidden] = useState<boolean[]>(() => data.series.map(() => false));
  const [empty, setEmpty] = useState(data.t.length === 0);
  const timeZone = useTimeZone();
  const theme = useResolvedTheme();
  const structure = useMemo(
    () => data.series.map((s) => `${s.name}\u0000${s.unit}`).join('\u0001'),
    [data.series],
  );

  function applyWindow(chart: uPlot) {
    if (zoomedRef.current) return;
    const window = visibleWindow(columnsRef.current.t, rangeRef.current);
    if (window) chart.setScale('x', window);
  }

  function sync(chart: uPlot) {
    const columns = columnsRef.current;
    chart.setData([columns.t, ...columns.values] as uPlot.AlignedData, rangeRef.current === null);
    applyWindow(chart);
    setLatest(lastValues(columns));
    setEmpty(columns.t.length === 0);
  }

  // Create the chart (again only when the series' structure or the time zone changes).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `structure` stands for data.series' shape
  useEffect(() => {
    const element = plotRef.current;
    if (!element) return;
    colorsRef.current = readChartColors();
    const chart = new uPlot(
      buildChartOptions({
        series: data.series,
        width: Math.max(element.clientWidth, 100),
        height,
        timeZone,
        colors: () => colorsRef.current,
        onZoom: () => {
          zoomedRef.current = true;
        },
      }),
      [[]],
      element,
    );
    chartRef.current = chart;
    sync(chart);
    const resetZoom = () => {
      zoomedRef.current = false;
      applyWindow(chart);
    };
    chart.over.addEventListener('dblclick', resetZoom);
    const observer = new ResizeObserver(([entry]) => {
      const width = Math.floor(entry?.contentRect.width ?? 0);
      if (width > 0 && width !== chart.width) chart.setSize({ width, height });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.over.removeEventListener('dblclick', resetZoom);
      cancelAnimationFrame(frameRef.current);
      chart.destroy();
      chartRef.current = null;
    };
  }, [structure, timeZone, height]);

  // New data from the parent (a range change, a refetch) replaces the columns.
  // biome-ignore lint/correctness/useExhaustiveDependencies: sync reads refs only
  useEffect(() => {
    columnsRef.current = toColumns(data);
    zoomedRef.current = false;
    setHidden(data.series.map(() => false));
    if (chartRef.current) sync(chartRef.current);
  }, [data]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: sync reads refs only
  useEffect(() => {
    rangeRef.current = rangeMs;
    zoomedRef.current = false;
    if (chartRef.current) sync(chartRef.current);
  }, [rangeMs]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the theme is the trigger; the colours are read from CSS
  useEffect(() => {
    colorsRef.current = readChartColors();
    chartRef.current?.redraw(false);
  }, [theme]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the handle reads refs only and stays stable
  useImperativeHandle(
    ref,
    () => ({
      append(points) {
        pendingRef.current.push(points);
        // Points arriving within one frame are drawn together.
        if (frameRef.current) return;
        frameRef.current = requestAnimationFrame(() => {
          frameRef.current = 0;
          const batch = pendingRef.current;
          pendingRef.current = [];
          const keep = rangeRef.current;
          for (const entry of batch)
            appendColumns(columnsRef.current, entry, keep === null ? null : keep * 2);
          if (chartRef.current) sync(chartRef.current);
        });
      },
    }),
    [],
  );

  function toggle(index: number) {
    const next = hidden.map((value, i) => (i === index ? !value : value));
    setHidden(next);
    chartRef.current?.setSeries(index + 1, { show: !next[index] });
  }

  return (
    <figure className={styles.figure} aria-label={label}>
      <div className={styles.plot} ref={plotRef} style={{ minHeight: height }} data-testid="chart-plot">
        {empty ? <div className={styles.empty}>No data in this time range</div> : null}
      </div>
      <ul className={styles.legend} aria-label={`${label} legend`}>
        {data.series.map((entry, index) => (
          <li key={`${entry.name}-${entry.unit}`}>
            <button
              type="button"
              className={styles.legendButton}
              aria-pressed={!hidden[index]}
              title={hidden[index] ? `Show ${entry.name}` : `Hide ${entry.name}`}
              onClick={() => toggle(index)}
            >
              <span className={styles.swatch} style={{ background: seriesColor(index) }} aria-hidden />
              <span className={styles.legendName}>{entry.name}</span>
              <span className={styles.legendValue}>{formatValue(latest[index] ?? null, entry.unit)}</span>
            </button>
          </li>
        ))}
      </ul>
    </figure>
  );
}
