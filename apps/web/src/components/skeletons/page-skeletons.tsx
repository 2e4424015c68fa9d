import type { ReactNode } from 'react';
import { Skeleton } from '@/components/ui/skeleton';
import styles from './skeletons.module.css';

/** Announced once ("Loading fleet") while the shimmer itself stays silent. */
function Region({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={styles.region} aria-busy="true" aria-live="polite">
      <span className="visually-hidden">Loading {label}</span>
      {children}
    </div>
  );
}

function HeaderSkeleton() {
  return (
    <div className={styles.header}>
      <Skeleton width={180} height={24} />
      <Skeleton width={320} height={14} />
    </div>
  );
}

export function TableSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <div className={styles.table}>
      {Array.from({ length: rows + 1 }, (_, row) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholder rows
        <div key={row} className={styles.row}>
          <Skeleton width="70%" />
          <Skeleton width="50%" />
          <Skeleton width="60%" />
          <Skeleton width="40%" />
          <Skeleton width="55%" />
        </div>
      ))}
    </div>
  );
}

export function ChartPanelSkeleton({ height = 200 }: { height?: number }) {
  return (
    <div className={styles.panel}>
      <Skeleton width={120} height={16} />
      <Skeleton height={height} />
    </div>
  );
}

function StatsSkeleton({ count = 4 }: { count?: number }) {
  return (
    <div className={styles.stats}>
      {Array.from({ length: count }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <div key={index} className={styles.panel}>
          <Skeleton width="50%" height={12} />
          <Skeleton width="70%" height={22} />
        </div>
      ))}
    </div>
  );
}

export function ListPageSkeleton({ label }: { label: string }) {
  return (
    <Region label={label}>
      <HeaderSkeleton />
      <TableSkeleton />
    </Region>
  );
}

export function OverviewSkeleton({ label }: { label: string }) {
  return (
    <Region label={label}>
      <HeaderSkeleton />
      <StatsSkeleton />
      <TableSkeleton rows={6} />
    </Region>
  );
}

export function DetailSkeleton({ label }: { label: string }) {
  return (
    <Region label={label}>
      <HeaderSkeleton />
      <StatsSkeleton />
      <div className={styles.panels}>
        <ChartPanelSkeleton />
        <ChartPanelSkeleton />
        <ChartPanelSkeleton />
        <ChartPanelSkeleton />
      </div>
    </Region>
  );
}
