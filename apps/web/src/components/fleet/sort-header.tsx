import { ArrowDown, ArrowDownUp, ArrowUp } from 'lucide-react';
import type { ReactNode } from 'react';
import styles from './table.module.css';

type SortHeaderProps<K extends string> = {
  column: K;
  sort: K;
  order: 'asc' | 'desc';
  onSort: (column: K) => void;
  numeric?: boolean;
  className?: string;
  children: ReactNode;
};

/** A column header that sorts by its column (a button inside, `aria-sort` on the header). */
export function SortHeader<K extends string>({
  column,
  sort,
  order,
  onSort,
  numeric,
  className,
  children,
}: SortHeaderProps<K>) {
  const active = column === sort;
  const Icon = !active ? ArrowDownUp : order === 'asc' ? ArrowUp : ArrowDown;
  return (
    <th
      scope="col"
      className={[numeric ? styles.numeric : '', className ?? ''].join(' ').trim() || undefined}
      aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button type="button" className={styles.sortButton} onClick={() => onSort(column)}>
        {children}
        <Icon size={12} className={styles.sortIcon} aria-hidden />
      </button>
    </th>
  );
}
