'use client';

import { useEffect, useRef, useState } from 'react';
import { ChartPanelSkeleton } from '@/components/skeletons/page-skeletons';
import { Alert } from '@/components/ui/alert';
import { type LiveEvent, useLiveEvents } from '@/lib/api/live-stream';
import type { MetricsWindow } from '@/lib/api/metrics';
import { TIME_RANGE_MS, type TimeRange } from '@/lib/chart-data';
import { type ChartSpec, pointsAfter } from '@/lib/fleet/metrics-charts';
import styles from './metrics-charts.module.css';
import { RangePicker } from './range-picker';
import { TimeSeriesChart, type TimeSeriesChartHandle } from './time-series-chart';

type MetricsChartsProps = {
  /** Whose charts ("web-1"), for the charts' accessible names. */
  subject: string;
  load: (window: MetricsWindow, signal?: AbortSignal) => Promise<ChartSpec[]>;
  /** True for live events that mean new points exist (this host's or container's samples). */
  isFresh: (event: LiveEvent) => boolean;
  initialRange?: TimeRange;
  /** The initial range's charts, loaded by the server (painted without a round trip). */
  initial?: ChartSpec[] | null;
  /** The section's heading (default: Resources). */
  heading?: string;
};

/**
 * A page's charts with one range picker. A range change loads the range (the API picks raw,
 * 1-minute or 1-hour rows); afterwards each fresh sample on the live stream fetches only the
 * raw rows after the newest point and appends them, so the charts are never re-created.
 */
export function MetricsCharts({
  subject,
  load,
  isFresh,
  initialRange = '1h',
  initial = null,
  heading = 'Resources',
}: MetricsChartsProps) {
  const [range, setRange] = useState<TimeRange>(initialRange);
  const [charts, setCharts] = useState<ChartSpec[] | null>(initial);
  const [error, setError] = useState<string | null>(null);
  const handles = useRef(new Map<string, TimeSeriesChartHandle>());
  const newest = useRef(initial?.[0]?.data.t.at(-1) ?? -Infinity);
  const preloaded = useRef(initial !== null);
  const tailing = useRef(false);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    if (preloaded.current) {
      preloaded.current = false;
      return;
    }
    const controller = new AbortController();
    setError(null);
    loadRef
      .current({ range }, controller.signal)
      .then((loaded) => {
        newest.current = loaded[0]?.data.t.at(-1) ?? Date.now() - TIME_RANGE_MS[range];
        setCharts(loaded);
      })
      .catch((cause: unknown) => {
        if (!controller.signal.aborted)
          setError(cause instanceof Error ? cause.message : 'The charts could not load.');
      });
    return () => controller.abort();
  }, [range]);

  useLiveEvents((event) => {
    if (!charts || tailing.current || !isFresh(event)) return;
    tailing.current = true;
    const after = newest.current;
    loadRef
      .current({ since: after + 1 })
      .then((fresh) => {
        for (const chart of fresh) {
          const drawn = charts.find((entry) => entry.key === chart.key);
          const points = pointsAfter(
            chart.data,
            after,
            drawn?.data.series.map((series) => series.name),
          );
          if (points.t.length) handles.current.get(chart.key)?.append(points);
          newest.current = Math.max(newest.current, points.t.at(-1) ?? -Infinity);
        }
      })
      .catch(() => undefined)
      .finally(() => {
        tailing.current = false;
      });
  }, charts !== null);

  return (
    <section className={styles.section} aria-label={`Charts of ${subject}`}>
      <div className={styles.toolbar}>
        <h2 className={styles.heading}>{heading}</h2>
        <RangePicker value={range} onChange={setRange} />
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className={styles.grid}>
        {charts
          ? charts.map((chart) => (
              <div key={chart.key} className={styles.panel}>
                <div className={styles.panelHeading}>
                  <h3 className={styles.title}>{chart.title}</h3>
                  {chart.caption ? <span className={styles.caption}>{chart.caption}</span> : null}
                </div>
                <TimeSeriesChart
                  data={chart.data}
                  rangeMs={TIME_RANGE_MS[range]}
                  label={`${chart.title} of ${subject}`}
                  height={180}
                  ref={(handle) => {
                    if (handle) handles.current.set(chart.key, handle);
                    else handles.current.delete(chart.key);
                  }}
                />
              </div>
            ))
          : error
            ? null
            : [0, 1, 2, 3].map((key) => <ChartPanelSkeleton key={key} height={180} />)}
      </div>
    </section>
  );
}
