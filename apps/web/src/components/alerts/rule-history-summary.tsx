import type { RuleHistory } from '@/lib/api/alert-rules';
import styles from './alerts.module.css';

const HOUR = 3_600_000;

/** Firings that began in each hour of the window, oldest first. */
export function firingsPerHour(history: RuleHistory): number[] {
  const from = Date.parse(history.from);
  const hours = Math.max(1, Math.round((Date.parse(history.to) - from) / HOUR));
  const bins = new Array<number>(hours).fill(0);
  for (const item of history.items)
    for (const time of item.times) {
      const bin = Math.min(hours - 1, Math.max(0, Math.floor((Date.parse(time.firedAt) - from) / HOUR)));
      bins[bin] = (bins[bin] ?? 0) + 1;
    }
  return bins;
}

function objectName(item: RuleHistory['items'][number]): string {
  const what = item.checkName
    ? `check ${item.checkName} of ${item.containerName ?? ''}`
    : (item.containerName ?? item.hostName);
  const where = item.containerName ? ` on ${item.hostName}` : item.mount ? ` (${item.mount})` : '';
  return `${what}${where}`;
}

/**
 * "Would have fired N times in the last 24 h on: …", with a bar per hour. Only the listed
 * firing times (the first 20 of each object) are in the bars; the count is exact.
 */
export function RuleHistorySummary({ history }: { history: RuleHistory }) {
  if (!history.supported)
    return <p className={styles.muted}>{history.notes[0] ?? 'This kind cannot be replayed.'}</p>;
  const bins = firingsPerHour(history);
  const peak = Math.max(1, ...bins);
  const bars = bins.map((count, hour) => ({ count, hour })).filter((bar) => bar.count > 0);
  const times = history.firings === 1 ? 'once' : `${history.firings} times`;
  return (
    <>
      <p data-testid="history-summary">
        {history.firings === 0
          ? `Would not have fired in the last 24 h (${history.objects.replayed} replayed).`
          : `Would have fired ${times} in the last 24 h on ${history.objects.firing} of ${history.objects.replayed} replayed:`}
      </p>
      {history.firings > 0 ? (
        <>
          <svg
            className={styles.sparkline}
            viewBox={`0 0 ${bins.length * 4} 20`}
            preserveAspectRatio="none"
            role="img"
            aria-label={`Firings per hour over the last 24 h: ${bins.join(', ')}`}
          >
            <line x1={0} y1={19.75} x2={bins.length * 4} y2={19.75} />
            {bars.map((bar) => (
              <rect
                key={`hour-${bar.hour}`}
                x={bar.hour * 4 + 0.5}
                width={3}
                y={20 - (bar.count / peak) * 20}
                height={(bar.count / peak) * 20}
              />
            ))}
          </svg>
          <ul>
            {history.items.map((item) => (
              <li
                key={`${item.hostId}/${item.containerId ?? ''}/${item.mount ?? ''}/${item.checkName ?? ''}`}
              >
                {objectName(item)} <span className={styles.breaching}>{item.firings}×</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {history.notes.map((note) => (
        <p key={note} className={styles.muted}>
          {note}
        </p>
      ))}
    </>
  );
}
