import { useEffect, useMemo, useRef, useState } from 'react';
import { RangePicker } from '@/components/chart/range-picker';
import { Sparkline } from '@/components/chart/sparkline';
import { TimeSeriesChart, type TimeSeriesChartHandle } from '@/components/chart/time-series-chart';
import { TIME_RANGE_MS, type TimeRange } from '@/lib/chart-data';
import { containerSeries, networkSeries, random, STEP_MS } from './demo-data';
import styles from './harness.module.css';

const POINTS = 10_000;

declare global {
  interface Window {
    berthHarness?: { appendChartPoints(count: number): void; setRange(range: TimeRange): void };
  }
}

export function ChartPage() {
  const container = useMemo(() => containerSeries(POINTS), []);
  const network = useMemo(() => networkSeries(POINTS), []);
  const [range, setRange] = useState<TimeRange>('7d');
  const chart = useRef<TimeSeriesChartHandle>(null);
  const lastT = useRef(container.t[container.t.length - 1] ?? 0);

  useEffect(() => {
    const next = random(99);
    window.berthHarness = {
      appendChartPoints(count) {
        const t: number[] = [];
        const cpu: number[] = [];
        const memory: number[] = [];
        const limit: number[] = [];
        for (let i = 0; i < count; i++) {
          lastT.current += STEP_MS;
          t.push(lastT.current);
          cpu.push(150 + next() * 20);
          memory.push(900 * 1024 ** 2);
          limit.push(1024 ** 3);
        }
        chart.current?.append({ t, values: [cpu, memory, limit] });
      },
      setRange,
    };
  }, []);

  return (
    <main className={styles.page}>
      <section className={styles.panel}>
        <div className={styles.head}>
          <h2 className={styles.title}>web-1 · CPU and memory ({POINTS.toLocaleString('en-US')} points)</h2>
          <RangePicker value={range} onChange={setRange} />
        </div>
        <TimeSeriesChart
          ref={chart}
          label="CPU and memory of web-1"
          data={container}
          rangeMs={TIME_RANGE_MS[range]}
          height={260}
        />
      </section>
      <section className={styles.panel}>
        <h2 className={styles.title}>web-1 · Network</h2>
        <TimeSeriesChart
          label="Network of web-1"
          data={network}
          rangeMs={TIME_RANGE_MS[range]}
          height={200}
        />
      </section>
      <section className={styles.panel}>
        <h2 className={styles.title}>Sparklines</h2>
        <div className={styles.sparks}>
          <span>
            CPU <Sparkline label="CPU of web-1" values={container.series[0]?.values ?? []} unit="percent" />
          </span>
          <span>
            Network{' '}
            <Sparkline
              label="Received by web-1"
              values={network.series[0]?.values ?? []}
              unit="bytes/s"
              color="#12a67a"
            />
          </span>
        </div>
      </section>
    </main>
  );
}
