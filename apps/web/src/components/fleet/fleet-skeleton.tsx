import { TableSkeleton } from '@/components/skeletons/page-skeletons';
import { Skeleton } from '@/components/ui/skeleton';
import styles from './fleet.module.css';

/** The fleet page's body while its data streams in (the title is already on screen). */
export function FleetSkeleton() {
  return (
    <div aria-busy="true" aria-live="polite">
      <span className="visually-hidden">Loading fleet</span>
      <div className={styles.totals}>
        {['hosts', 'online', 'offline', 'containers', 'running', 'stopped'].map((key) => (
          <div key={key} className={styles.stat}>
            <Skeleton width="50%" height={12} />
            <Skeleton width="70%" height={22} style={{ marginTop: 6 }} />
          </div>
        ))}
      </div>
      <TableSkeleton rows={10} />
    </div>
  );
}
