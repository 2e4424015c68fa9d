'use client';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import styles from './history.module.css';

/** Count, "Load more" (while there is more) and what went wrong loading it. */
export function LoadMoreFooter({
  shown,
  noun,
  hasMore,
  pending,
  error,
  onLoadMore,
}: {
  shown: number;
  noun: string;
  hasMore: boolean;
  pending: boolean;
  error: string | null;
  onLoadMore: () => void;
}) {
  return (
    <div className={styles.footer}>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <span className={styles.count} role="status">
        {shown} {noun}
        {hasMore ? ' shown' : shown === 1 ? '' : ', all shown'}
      </span>
      {hasMore ? (
        <Button onClick={onLoadMore} disabled={pending}>
          {pending ? 'Loading…' : 'Load more'}
        </Button>
      ) : null}
    </div>
  );
}
