import type { ReactNode } from 'react';
import styles from './data-table.module.css';

type DataTableProps = {
  /** The table's accessible name (read by screen readers, not shown). */
  caption: string;
  columns: readonly string[];
  /** A last column whose header only screen readers hear ("Actions"): its cells hold buttons. */
  hiddenColumn?: string;
  /** "top" for rows whose cells hold several lines (history); "middle" for one-line rows. */
  align?: 'middle' | 'top';
  /** The rows. */
  children: ReactNode;
};

/** A framed table that scrolls sideways inside its frame on narrow screens. */
export function DataTable({ caption, columns, hiddenColumn, align = 'middle', children }: DataTableProps) {
  return (
    <div className={styles.wrap}>
      <table className={align === 'top' ? `${styles.table} ${styles.top}` : styles.table}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
            {hiddenColumn ? (
              <th scope="col">
                <span className="visually-hidden">{hiddenColumn}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
