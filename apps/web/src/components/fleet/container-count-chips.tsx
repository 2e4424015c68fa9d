import type { ContainerCounts } from '@berth/api-contract';
import styles from './table.module.css';

const SHOWN: { key: keyof ContainerCounts; label: string; tone?: string }[] = [
  { key: 'running', label: 'running', tone: styles.chipOk },
  { key: 'restarting', label: 'restarting', tone: styles.chipWarn },
  { key: 'paused', label: 'paused', tone: styles.chipWarn },
  { key: 'exited', label: 'exited' },
  { key: 'dead', label: 'dead', tone: styles.chipDanger },
  { key: 'created', label: 'created' },
];

/** Containers of a host by state, only the non-zero ones: "12 running · 2 exited". */
export function ContainerCountChips({ counts }: { counts: ContainerCounts }) {
  const shown = SHOWN.filter((entry) => counts[entry.key] > 0);
  if (!shown.length) return <span className={styles.muted}>none</span>;
  return (
    <span className={styles.chips}>
      {shown.map((entry) => (
        <span key={entry.key} className={[styles.chip, entry.tone].filter(Boolean).join(' ')}>
          {counts[entry.key]} {entry.label}
        </span>
      ))}
    </span>
  );
}
