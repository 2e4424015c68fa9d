'use client';

import { useRouter } from 'next/navigation';
import { useLiveEventBatches } from '@/lib/api/live-stream';

/**
 * Re-reads the page's server data when an alert changes (the evaluator fired or resolved one,
 * someone acknowledged one) or the stream lost events: the alert pages stay live without
 * mirroring each event by hand. Batched, so a burst of transitions is one refresh.
 */
export function RefreshOnAlertChange() {
  const router = useRouter();
  useLiveEventBatches((events) => {
    if (events.some((event) => event.type === 'alert.changed' || event.type === 'reset')) router.refresh();
  }, 1000);
  return null;
}
