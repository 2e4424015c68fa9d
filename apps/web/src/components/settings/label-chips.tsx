import styles from './settings.module.css';

/** `key=value` chips; a dash when there are none. */
export function LabelChips({ labels }: { labels: Record<string, string> }) {
  const entries = Object.entries(labels);
  if (entries.length === 0) return <span className={styles.muted}>—</span>;
  return (
    <ul className={styles.chips}>
      {entries.map(([key, value]) => (
        <li key={key} className={styles.chip}>
          {value ? `${key}=${value}` : key}
        </li>
      ))}
    </ul>
  );
}
