import type { ReactNode } from 'react';
import styles from './layout.module.css';

/** What is missing, why it matters, and the one step that fills it. */
export function EmptyState({
  icon,
  title,
  children,
  action,
}: {
  icon: ReactNode;
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <section className={styles.empty} aria-label={title}>
      <span className={styles.emptyIcon} aria-hidden="true">
        {icon}
      </span>
      <h2 className={styles.emptyTitle}>{title}</h2>
      <div className={styles.emptyContent}>{children}</div>
      {action}
    </section>
  );
}
