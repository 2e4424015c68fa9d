'use client';

import { useEffect, useRef } from 'react';
import { z } from 'zod';

/**
 * Events of GET /api/v1/stream (packages/bus `ZOrgEventSchema`, which only grows by
 * addition), plus the server's `reset`. Each is checked here so views get typed data.
 */
const at = z.string();
export const ZLiveEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('host.status'), hostId: z.string(), status: z.enum(['online', 'offline']), at }),
  z.object({
    type: z.literal('container.state'),
    hostId: z.string(),
    containerId: z.string(),
    name: z.string(),
    state: z.string(),
    health: z.string(),
    removed: z.boolean(),
    at,
  }),
  z.object({
    type: z.literal('action.status'),
    actionId: z.string(),
    hostId: z.string(),
    containerId: z.string().nullable(),
    verb: z.string(),
    status: z.enum(['queued', 'sent', 'running', 'succeeded', 'failed', 'timed_out', 'rejected']),
    output: z.string().nullable(),
    at,
  }),
  z.object({
    type: z.literal('samples'),
    hostId: z.string(),
    at,
    host: z
      .object({ cpuPct: z.number(), memUsed: z.number(), memTotal: z.number(), load1: z.number() })
      .nullable(),
    containers: z.array(
      z.object({ containerId: z.string(), cpuPct: z.number(), memBytes: z.number(), memLimit: z.number() }),
    ),
  }),
  z.object({ type: z.literal('reset') }),
]);
export type LiveEvent = z.infer<typeof ZLiveEventSchema>;
export type LiveEventType = LiveEvent['type'];
export type SamplesEvent = Extract<LiveEvent, { type: 'samples' }>;
export type ContainerStateEvent = Extract<LiveEvent, { type: 'container.state' }>;
export type HostStatusEvent = Extract<LiveEvent, { type: 'host.status' }>;
export type ActionStatusEvent = Extract<LiveEvent, { type: 'action.status' }>;

const TYPES: readonly LiveEventType[] = [
  'host.status',
  'container.state',
  'action.status',
  'samples',
  'reset',
];

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
      const listener = (message: MessageEvent<string>) => {
        const event = parseLiveEvent(type, message.data);
        if (event) handler.current(event);
      };
      source.addEventListener(type, listener);
      return [type, listener] as const;
    });
    return () => {
      for (const [type, listener] of listeners) source.removeEventListener(type, listener);
      source.close();
    };
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
