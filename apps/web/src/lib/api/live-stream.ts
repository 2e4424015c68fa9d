'use client';

import { LIVE_EVENT_TYPES, type LiveEvent, ZLiveEventSchema } from '@berth/api-contract';
import { useEffect, useRef } from 'react';

/** Events of GET /api/v1/stream: the contract's live-event union (which only grows by addition). */
export type { LiveEvent, LiveEventType } from '@berth/api-contract';
export type SamplesEvent = Extract<LiveEvent, { type: 'samples' }>;
export type ContainerStateEvent = Extract<LiveEvent, { type: 'container.state' }>;
export type HostStatusEvent = Extract<LiveEvent, { type: 'host.status' }>;
export type ActionStatusEvent = Extract<LiveEvent, { type: 'action.status' }>;

/** An SSE message as a typed event; null for what this console does not understand. */
export function parseLiveEvent(type: string, text: string): LiveEvent | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = {};
  }
  const parsed = ZLiveEventSchema.safeParse({ ...(typeof data === 'object' && data ? data : {}), type });
  return parsed.success ? parsed.data : null;
}

type LiveListener = (event: LiveEvent) => void;
const subscribers = new Set<LiveListener>();
let shared: EventSource | null = null;

/**
 * Adds a listener to the page's one live stream, opening it for the first listener and closing
 * it after the last. One EventSource per page, not per component: each holds one of the six
 * HTTP/1.1 connections a browser keeps per origin, and a host page with its facts, containers,
 * alert refresh and the navigation's bell would otherwise hold four, stalling the page's own
 * requests behind them.
 */
export function subscribeLiveEvents(listener: LiveListener): () => void {
  subscribers.add(listener);
  if (!shared) {
    const source = new EventSource('/api/v1/stream');
    for (const type of LIVE_EVENT_TYPES) {
      source.addEventListener(type, (message: MessageEvent<string>) => {
        const event = parseLiveEvent(type, message.data);
        if (!event) return;
        // A copy: a listener may unsubscribe (or subscribe another) while it handles the event.
        for (const subscriber of [...subscribers]) subscriber(event);
      });
    }
    shared = source;
  }
  return () => {
    subscribers.delete(listener);
    if (subscribers.size === 0 && shared) {
      shared.close();
      shared = null;
    }
  };
}

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
    return subscribeLiveEvents((event) => handler.current(event));
  }, [enabled]);
}

/**
 * Live events delivered in batches (at most one per `intervalMs`): a fleet of 1,000 hosts
 * sends ~100 samples per second, and one state update per batch keeps rendering cheap.
 */
export function useLiveEventBatches(
  onBatch: (events: LiveEvent[]) => void,
  intervalMs = 500,
  enabled = true,
): void {
  const handler = useRef(onBatch);
  handler.current = onBatch;
  const queue = useRef<LiveEvent[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  useLiveEvents((event) => {
    queue.current.push(event);
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      const batch = queue.current;
      queue.current = [];
      handler.current(batch);
    }, intervalMs);
  }, enabled);
}
