import { useEffect, useState } from 'react';
import type { LogEntry } from '@/components/logs/log-entry';
import { LogsViewer } from '@/components/logs/logs-viewer';
import { demoLogs } from './demo-data';
import styles from './harness.module.css';

const LINES = 5_000;

declare global {
  interface Window {
    berthLogs?: { append(count: number): void; count(): number };
  }
}

export function LogsPage() {
  const [entries, setEntries] = useState<LogEntry[]>(() => demoLogs(LINES));

  useEffect(() => {
    let total = LINES;
    window.berthLogs = {
      append(count) {
        const more = demoLogs(count, total);
        total += count;
        setEntries((current) => [...current, ...more]);
      },
      count: () => total,
    };
  }, []);

  return (
    <main className={styles.page}>
      <LogsViewer label="Logs of web-1" fileName="web-1" entries={entries} height="calc(100vh - 40px)" />
    </main>
  );
}
