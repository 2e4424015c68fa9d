'use client';

import { Activity } from 'lucide-react';
import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import table from '@/components/ui/data-table.module.css';
import { EmptyState } from '@/components/ui/empty-state';
import { ToneBadge } from '@/components/ui/status-badge';
import { Time } from '@/components/ui/time';
import { containerHref } from '@/lib/api/containers';
import type { EventQuery, FleetEvent } from '@/lib/api/history';
import type { Page } from '@/lib/api/pagination';
import { describeEventAttributes, eventToneOf } from './describe-event';
import { LoadMoreFooter } from './load-more-footer';
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
  const list = useLoadMore('events', query, first);
  const { items } = list;
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
      <DataTable
        caption="Fleet events, newest first"
        columns={['Time', 'Event', 'Container', 'Host', 'Details']}
        align="top"
      >
        {items.map((event) => (
          <tr
            key={`${event.ts}|${event.hostId}|${event.containerId}|${event.action}|${JSON.stringify(event.attributes)}`}
          >
            <td className={table.nowrap}>
              <Time value={event.ts} />
            </td>
            <td className={table.nowrap}>
              <ToneBadge tone={eventToneOf(event)}>{event.action}</ToneBadge>
              {event.count > 1 ? <span className={table.secondary}>×{event.count}</span> : null}
            </td>
            <td>
              <Link className={table.primary} href={containerHref(event)}>
                {event.containerName ?? event.containerId}
              </Link>
              <span className={`${table.secondary} ${table.mono}`}>{event.containerId}</span>
            </td>
            <td>
              <Link href={`/hosts/${encodeURIComponent(event.hostId)}`}>
                {event.hostName ?? 'Deleted host'}
              </Link>
            </td>
            <td>{describeEventAttributes(event.attributes) || '—'}</td>
          </tr>
        ))}
      </DataTable>
      <LoadMoreFooter list={list} noun={['event', 'events']} />
    </>
  );
}
