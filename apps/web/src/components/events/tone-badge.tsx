import type { ReactNode } from 'react';
import type { Tone } from './describe-event';
import styles from './history.module.css';

const CLASS: Record<Tone, string | undefined> = {
  ok: styles.ok,
  warn: styles.warn,
  danger: styles.danger,
  info: styles.info,
  neutral: undefined,
};

/** A word with a coloured dot; the word carries the meaning, the colour only helps scanning. */
export function ToneBadge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={[styles.tone, CLASS[tone]].filter(Boolean).join(' ')}>{children}</span>;
}
