'use client';

import type { Action } from '@berth/api-contract';
import { useEffect, useState } from 'react';
import { getAction } from '@/lib/api/actions';
import { browserApi } from '@/lib/api/browser-api';
import { useLiveEvents } from '@/lib/api/live-stream';
import { isFinished } from './action-availability';

/** Polling interval while waiting for a result the live stream has not delivered. */
const POLL_MS = 2000;

/**
 * The action a control just requested, kept current until it finishes: from `action.status`
 * on the live stream, or by polling it (a dropped stream must not leave "running…" forever).
 * `initial`: an action already requested (the Updates page's bulk apply tracks each one).
 */
export function useTrackedAction(initial: Action | null = null) {
  const [action, setAction] = useState<Action | null>(initial);
  const waiting = action !== null && !isFinished(action.status);

  useLiveEvents((event) => {
    if (event.type !== 'action.status' || event.actionId !== action?.id) return;
    setAction((current) =>
      current && current.id === event.actionId && !isFinished(current.status)
        ? { ...current, status: event.status, output: event.output }
        : current,
    );
  }, waiting);

  useEffect(() => {
    if (!action || isFinished(action.status)) return;
    const controller = new AbortController();
    const timer = setInterval(() => {
      getAction(browserApi, action.id, controller.signal)
        .then((fresh) =>
          setAction((current) => (current?.id === fresh.id && !isFinished(current.status) ? fresh : current)),
        )
        .catch(() => undefined);
    }, POLL_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [action]);

  return { action, setAction, waiting };
}
