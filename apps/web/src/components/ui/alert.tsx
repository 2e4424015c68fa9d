import type { ReactNode } from 'react';
import styles from './ui.module.css';

const TONES = { error: styles.alertError, info: styles.alertInfo, success: styles.alertSuccess };

export function Alert({ tone = 'info', children }: { tone?: keyof typeof TONES; children: ReactNode }) {
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`${styles.alert} ${TONES[tone]}`}>
      {children}
    </div>
  );
}
