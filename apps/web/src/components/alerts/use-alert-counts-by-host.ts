'use client';

import type { AlertCountsByHost } from '@berth/api-contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { countAlertsByHost } from '@/lib/api/alerts';
import { browserApi } from '@/lib/api/browser-api';
import { useLiveEventBatches } from '@/lib/api/live-stream';

/**
 * Open-alert tallies per host (and its containers) for the badges: read once, then again when
 * an alert of a host in view changes or the stream lost events. One read for the whole fleet,
 * and at most one per second however many alerts change at once. `hostId` narrows it to one
 * host (its page); without it, every host the caller may see.
 */
export function useAlertCountsByHost(hostId?: string): AlertCountsByHost['hosts'] {
  const [hosts, setHosts] = useState<AlertCountsByHost['hosts']>({});
  const latest = useRef<AbortController | null>(null);
  const load = useCallback(() => {
    latest.current?.abort();
    const controller = new AbortController();
    latest.current = controller;
    countAlertsByHost(browserApi, hostId, controller.signal)
      .then((counts) => {
        if (!controller.signal.aborted) setHosts(counts.hosts);
      })
      // A badge is a hint: a failed read keeps the last tallies (the alerts page says more).
      .catch(() => undefined);
  }, [hostId]);
  useEffect(() => {
    load();
    return () => latest.current?.abort();
  }, [load]);
  useLiveEventBatches((events) => {
    const relevant = events.some(
      (event) =>
        event.type === 'reset' || (event.type === 'alert.changed' && (!hostId || event.hostId === hostId)),
    );
    if (relevant) load();
  }, 1000);
  return hosts;
}
