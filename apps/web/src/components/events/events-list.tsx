'use client';

import { Activity } from 'lucide-react';
import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { Time } from '@/components/ui/time';
import { containerHref } from '@/lib/api/fleet';
import type { EventQuery, FleetEvent } from '@/lib/api/history';
import type { Page } from '@/lib/api/pagination';
import { describeEventAttributes, eventToneOf } from './describe-event';
import styles from './history.module.css';
import { LoadMoreFooter } from './load-more-footer';
import { ToneBadge } from './tone-badge';
import { useLoadMore } from './use-load-more';

export function EventsList({
  query,
  first,
  filtered,
}: {
  query: EventQuery;
  first: Page<FleetEvent>;
  filtered: boolean;
}) {
  const { items, hasMore, pending, error, loadMore } = useLoadMore('events', query, first);
  if (items.length === 0) {
    return (
      <EmptyState
        icon={<Activity size={20} />}
        title={filtered ? 'No events match these filters' : 'No events yet'}
      >
        {filtered ? (
          <p>
            Widen the time range or clear a filter. Events are kept for as long as the organisation's
            retention.
          </p>
        ) : (
          <p>
            Every container start, stop, crash, restart, OOM kill and health change on your hosts lands here
            within seconds. Connect a host from{' '}
            <Link href="/settings/enrolment-tokens">Settings → Enrolment tokens</Link>, or restart a container
            to see the first ones.
          </p>
        )}
      </EmptyState>
    );
  }
  return (
    <>
      <div className={styles.tableWrap}>
        <table className={styles.table}>
          <caption className="visually-hidden">Fleet events, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Event</th>
              <th scope="col">Container</th>
              <th scope="col">Host</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {items.map((event) => (
              <tr
                key={`${event.ts}|${event.hostId}|${event.containerId}|${event.action}|${JSON.stringify(event.attributes)}`}
              >
                <td className={styles.nowrap}>
                  <Time value={event.ts} />
                </td>
                <td className={styles.nowrap}>
                  <ToneBadge tone={eventToneOf(event)}>{event.action}</ToneBadge>
                  {event.count > 1 ? <span className={styles.secondary}>×{event.count}</span> : null}
                </td>
                <td>
                  <Link className={styles.primary} href={containerHref(event)}>
                    {event.containerName ?? event.containerId}
                  </Link>
                  <span className={`${styles.secondary} ${styles.mono}`}>{event.containerId}</span>
                </td>
                <td>
                  <Link href={`/hosts/${encodeURIComponent(event.hostId)}`}>
                    {event.hostName ?? 'Deleted host'}
                  </Link>
                </td>
                <td>{describeEventAttributes(event.attributes) || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LoadMoreFooter
        shown={items.length}
        noun={items.length === 1 ? 'event' : 'events'}
        hasMore={hasMore}
        pending={pending}
        error={error}
        onLoadMore={loadMore}
      />
    </>
  );
}
