import type { ReactNode } from 'react';
import { BerthLogo } from '@/components/shell/berth-logo';
import styles from './auth.module.css';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className={styles.page}>
      <div className={styles.column}>
        <div className={styles.brand}>
          <BerthLogo />
          <span>Berth</span>
        </div>
        {children}
      </div>
    </main>
  );
}
