'use client';

import { useEffect, useState } from 'react';
import { describeEventAttributes, eventTone, eventToneOf } from '@/components/events/describe-event';
import layout from '@/components/ui/layout.module.css';
import { Time } from '@/components/ui/time';
import { browserApi } from '@/lib/api/browser-api';
import type { ContainerRef } from '@/lib/api/containers';
import type { FleetEvent } from '@/lib/api/history';
import { listContainerEvents } from '@/lib/api/history';
import { useLiveEvents } from '@/lib/api/live-stream';
import styles from './container.module.css';

type TimelineItem = { key: string; ts: string; text: string; tone: string; count: number };

function toItem(event: FleetEvent, index: number): TimelineItem {
  return {
    key: `${event.ts}-${event.action}-${index}`,
    ts: event.ts,
    text: [event.action, describeEventAttributes(event.attributes)].filter(Boolean).join(' · '),
    tone: eventToneOf(event),
    count: event.count,
  };
}

/** Docker events of the container over 7 days, newest first; state changes arrive live. */
export function ContainerEvents({ container }: { container: ContainerRef }) {
  const [items, setItems] = useState<TimelineItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { hostId, containerId } = container;

  useEffect(() => {
    const controller = new AbortController();
    listContainerEvents(browserApi, { hostId, containerId }, controller.signal)
      .then((page) => setItems((live) => (live ?? []).concat(page.items.map(toItem))))
      .catch((cause: unknown) => {
        if (controller.signal.aborted) return;
        setError(cause instanceof Error ? cause.message : 'The events could not load.');
      });
    return () => controller.abort();
  }, [hostId, containerId]);

  useLiveEvents((event) => {
    if (event.type !== 'container.state' || event.hostId !== hostId || event.containerId !== containerId)
      return;
    const action = event.removed ? 'destroy' : event.state;
    const item: TimelineItem = {
      key: `live-${event.at}-${action}`,
      ts: event.at,
      text: event.removed
        ? 'Removed'
        : `Now ${event.state}${event.health !== 'none' ? ` (${event.health})` : ''}`,
      tone: eventTone(action),
      count: 1,
    };
    setItems((current) => [item, ...(current ?? [])]);
  });

  return (
    <section aria-label="Events" className={styles.events}>
      <h2 className={layout.sectionTitle}>Events</h2>
      {error ? <p role="alert">{error}</p> : null}
      {items === null && !error ? <p className={styles.muted}>Loading events…</p> : null}
      {items?.length === 0 ? <p className={styles.muted}>No events in the last 7 days.</p> : null}
      {items?.length ? (
        <ol className={styles.timeline}>
          {items.slice(0, 200).map((item) => (
            <li key={item.key} className={styles.timelineItem} data-tone={item.tone}>
              <Time value={item.ts} />
              <span>
                {item.text}
                {item.count > 1 ? ` ×${item.count}` : ''}
              </span>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
