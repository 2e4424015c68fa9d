import type { ReactNode } from 'react';
import styles from './ui.module.css';

export type Tone = 'ok' | 'warn' | 'danger' | 'info' | 'neutral';

const TONE_CLASS: Record<Tone, string | undefined> = {
  ok: styles.badgeOk,
  warn: styles.badgeWarn,
  danger: styles.badgeDanger,
  info: styles.badgeInfo,
  neutral: undefined,
};

const STATUS_TONE: Record<string, Tone> = {
  online: 'ok',
  up: 'ok',
  running: 'ok',
  healthy: 'ok',
  succeeded: 'ok',
  pending: 'warn',
  queued: 'warn',
  restarting: 'warn',
  starting: 'warn',
  offline: 'danger',
  down: 'danger',
  unhealthy: 'danger',
  failed: 'danger',
  revoked: 'danger',
};

/** A word with a coloured dot; the word carries the meaning, the colour only helps scanning. */
export function ToneBadge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={[styles.badge, TONE_CLASS[tone]].filter(Boolean).join(' ')}>{children}</span>;
}

/** A state word ("running", "revoked") in the tone that state usually has. */
export function StatusBadge({ status }: { status: string }) {
  return <ToneBadge tone={STATUS_TONE[status] ?? 'neutral'}>{status}</ToneBadge>;
}
