'use client';

import { useEffect, useRef } from 'react';

/** Event types of GET /api/v1/stream (packages/bus live events), plus the server's `reset`. */
export type LiveEventType = 'host.status' | 'container.state' | 'action.status' | 'samples' | 'reset';

export type LiveEvent = { type: LiveEventType; data: unknown };

const TYPES: readonly LiveEventType[] = [
  'host.status',
  'container.state',
  'action.status',
  'samples',
  'reset',
];

/**
 * Subscribes to the org's live events (SSE through the /api/v1 proxy). EventSource
 * reconnects by itself and sends Last-Event-ID, so the API replays what was missed; a
 * `reset` event means the gap was too long and the view should reload its data.
 */
export function useLiveEvents(onEvent: (event: LiveEvent) => void, enabled = true): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource('/api/v1/stream');
    const listeners = TYPES.map((type) => {
      const listener = (message: MessageEvent<string>) =>
        handler.current({ type, data: parseData(message.data) });
      source.addEventListener(type, listener);
      return [type, listener] as const;
    });
    return () => {
      for (const [type, listener] of listeners) source.removeEventListener(type, listener);
      source.close();
    };
  }, [enabled]);
}

function parseData(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
