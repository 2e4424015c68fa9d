'use client';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import styles from './history.module.css';
import type { LoadMore } from './use-load-more';

/** Count, "Load more" (while there is more) and what went wrong loading it. */
export function LoadMoreFooter({
  list: { items, hasMore, pending, error, loadMore },
  noun,
}: {
  list: Omit<LoadMore<unknown>, 'setItems'>;
  /** Singular and plural: ["event", "events"]. */
  noun: readonly [one: string, many: string];
}) {
  const shown = items.length;
  return (
    <div className={styles.footer}>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <span className={styles.count} role="status">
        {shown} {shown === 1 ? noun[0] : noun[1]}
        {hasMore ? ' shown' : shown === 1 ? '' : ', all shown'}
      </span>
      {hasMore ? (
        <Button onClick={loadMore} disabled={pending}>
          {pending ? 'Loading…' : 'Load more'}
        </Button>
      ) : null}
    </div>
  );
}
