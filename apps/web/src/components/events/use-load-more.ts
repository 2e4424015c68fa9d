'use client';

import { useState } from 'react';
import { ApiError, ApiUnreachableError } from '@/lib/api/api-error';
import { browserApi } from '@/lib/api/browser-api';
import { type HistoryItem, type HistoryList, type HistoryQuery, listHistory } from '@/lib/api/history';
import type { Page } from '@/lib/api/pagination';

export type LoadMore<T> = {
  items: T[];
  /** Replaces one item in place (live status updates). */
  setItems: (update: (items: T[]) => T[]) => void;
  hasMore: boolean;
  pending: boolean;
  error: string | null;
  loadMore: () => Promise<void>;
};

/**
 * A history list that starts with the server-rendered first page and appends the next ones
 * from the browser (through the /api/v1 proxy) with the same filters, following the cursor.
 * Keyed by the filters in its parent, so new filters start over.
 */
export function useLoadMore<L extends HistoryList>(
  list: L,
  query: HistoryQuery<L>,
  first: Page<HistoryItem<L>>,
): LoadMore<HistoryItem<L>> {
  const [items, setItems] = useState(first.items);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function loadMore() {
    if (!cursor || pending) return;
    setPending(true);
    setError(null);
    try {
      const page = await listHistory(browserApi, list, query, cursor);
      setItems((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
    } catch (cause) {
      setError(
        cause instanceof ApiError || cause instanceof ApiUnreachableError
          ? `Could not load more: ${cause.message}`
          : 'Could not load more. Try again.',
      );
    } finally {
      setPending(false);
    }
  }

  return { items, setItems, hasMore: cursor !== null, pending, error, loadMore };
}
