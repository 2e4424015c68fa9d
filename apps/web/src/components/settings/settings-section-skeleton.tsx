import { TableSkeleton } from '@/components/skeletons/page-skeletons';
import { Skeleton } from '@/components/ui/skeleton';
import styles from './settings.module.css';

/** A section loading under the settings tabs (the header and tabs stay in place). */
export function SettingsSectionSkeleton({ label }: { label: string }) {
  return (
    <div className={styles.stack} aria-busy="true" aria-live="polite">
      <span className="visually-hidden">Loading {label}</span>
      <Skeleton width={220} height={18} />
      <TableSkeleton rows={5} />
    </div>
  );
}
