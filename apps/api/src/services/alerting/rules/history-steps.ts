import {
  breaches,
  type Comparator,
  type ConditionStep,
  type ContainerMetric,
  containerMetricValue,
  FRESH_INTERVALS,
  type HostMetric,
  hostMetricReadings,
  medianGapMs,
  stepsFromReadings,
  stepsFromWindowedCounts,
} from '@berth/api-contract';
import type { HistoryContainerSample, HistoryEvent, HistoryHostSample } from '@berth/db/queries';

/**
 * Stored rows of one object → the condition as steps over time, read exactly as the alerter's
 * conditions read them (the shared readings and `breaches`). Pure: the replay test feeds it.
 */

type Threshold = { op: Comparator; threshold: number };

/** One host's samples (oldest first) → steps per key: '' for the host, the mount for disk_pct. */
export function hostMetricSteps(
  rows: readonly HistoryHostSample[],
  rule: Threshold & { metric: HostMetric; mount?: string | undefined },
): Map<string, ConditionStep[]> {
  const staleMs = FRESH_INTERVALS * (medianGapMs(rows.map((row) => row.ts.getTime())) ?? 60_000);
  const readings = new Map<string, { at: number; holds: boolean }[]>();
  for (const row of rows) {
    const at = row.ts.getTime();
    const push = (key: string, holds: boolean) => {
      const list = readings.get(key) ?? [];
      list.push({ at, holds });
      readings.set(key, list);
    };
    const found = hostMetricReadings(rule.metric, row, rule.mount);
    // Each mount is its own alert (as in the alerter); other metrics have one reading or none.
    if (rule.metric === 'disk_pct')
      for (const reading of found)
        push(reading.mount ?? '', breaches(rule.op, reading.value, rule.threshold));
    else push('', found[0] !== undefined && breaches(rule.op, found[0].value, rule.threshold));
  }
  return new Map([...readings].map(([key, list]) => [key, stepsFromReadings(list, staleMs)]));
}

/** One container's samples (oldest first) → steps; rates from each sample and the one before. */
export function containerMetricSteps(
  rows: readonly HistoryContainerSample[],
  rule: Threshold & { metric: Exclude<ContainerMetric, 'restarts'> },
): ConditionStep[] {
  const staleMs = FRESH_INTERVALS * (medianGapMs(rows.map((row) => row.ts.getTime())) ?? 60_000);
  const readings = rows.map((row, i) => {
    const previous = rows[i - 1];
    const value = containerMetricValue(rule.metric, previous ? [row, previous] : [row]);
    return { at: row.ts.getTime(), holds: value !== null && breaches(rule.op, value, rule.threshold) };
  });
  return stepsFromReadings(readings, staleMs);
}

/**
 * Events counted in a trailing window (restarts, OOM kills, starts, crash loops) → steps. The
 * count is 0 before the first event read (`from` is where reading began), which a `< 1` rule
 * may find breaching.
 */
export function windowedEventSteps(
  events: readonly { ts: Date; count: number }[],
  windowMs: number,
  from: number,
  holds: (count: number) => boolean,
): ConditionStep[] {
  return [
    { at: from, holds: holds(0) },
    ...stepsFromWindowedCounts(
      events.map((event) => ({ at: event.ts.getTime(), count: event.count })),
      windowMs,
      holds,
    ),
  ];
}

/**
 * State-like container triggers from events: `died` holds from a non-zero exit until the next
 * start, `stopped` from any exit, `unhealthy` from an unhealthy health check until a healthy
 * one or a new start.
 */
export function containerStateSteps(
  events: readonly HistoryEvent[],
  trigger: 'died' | 'stopped' | 'unhealthy',
) {
  const steps: ConditionStep[] = [];
  for (const event of events) {
    const at = event.ts.getTime();
    if (event.action === 'start') steps.push({ at, holds: false });
    else if (trigger === 'unhealthy') {
      if (event.action === 'health_status: unhealthy') steps.push({ at, holds: true });
      else if (event.action === 'health_status: healthy') steps.push({ at, holds: false });
    } else if (event.action === 'die') {
      const code = event.exit_code === null ? null : Number(event.exit_code);
      steps.push({ at, holds: trigger === 'stopped' || (code !== null && code !== 0) });
    }
  }
  return steps;
}
