import type { ReactNode } from 'react';
import styles from './layout.module.css';

export function PageHeader({
  title,
  description,
  actions,
  badge,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  /** Beside the title (a live status such as open alerts); renders nothing when it has nothing. */
  badge?: ReactNode;
}) {
  return (
    <header className={styles.pageHeader}>
      <div>
        {badge ? (
          <div className={styles.titleLine}>
            <h1 className={styles.title}>{title}</h1>
            {badge}
          </div>
        ) : (
          <h1 className={styles.title}>{title}</h1>
        )}
        {description ? <p className={styles.description}>{description}</p> : null}
      </div>
      {actions ? <div className={styles.actions}>{actions}</div> : null}
    </header>
  );
}

export function Panel({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <section className={styles.panel} aria-label={title}>
      {title ? <h2 className={styles.panelTitle}>{title}</h2> : null}
      {children}
    </section>
  );
}
