import { NOTIFICATION_STATES, type NotificationState } from '@berth/api-contract';
import { Send } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import styles from '@/components/alerts/alerts.module.css';
import { NotificationsTable } from '@/components/alerts/notifications-table';
import { EmptyState } from '@/components/ui/empty-state';
import { listNotifications } from '@/lib/api/alert-notifications';
import { listChannels } from '@/lib/api/notification-channels';
import { getServerApi } from '@/lib/api/server-api';

export const metadata: Metadata = { title: 'Notifications' };

type Search = { state?: string; channelId?: string; alertId?: string; cursor?: string };

const STATE_LABELS: Record<NotificationState, string> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Dead letters',
  suppressed: 'Suppressed',
};

function href(search: Search, change: Partial<Search>): string {
  const next = { ...search, cursor: undefined, ...change };
  const params = new URLSearchParams(
    Object.entries(next).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  const text = params.toString();
  return text ? `/alerts/notifications?${text}` : '/alerts/notifications';
}

/** What was sent where: every message to every channel, newest first, filtered by the chips. */
export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const state = (NOTIFICATION_STATES as readonly string[]).includes(search.state ?? '')
    ? (search.state as NotificationState)
    : undefined;
  const api = await getServerApi();
  const [page, channels] = await Promise.all([
    listNotifications(api, {
      state: state ? [state] : [],
      channelId: search.channelId,
      alertId: search.alertId,
      cursor: search.cursor,
    }),
    listChannels(api),
  ]);
  return (
    <div className={styles.page}>
      <nav className={styles.filters} aria-label="Delivery state">
        <Link
          href={href(search, { state: undefined })}
          className={styles.chip}
          aria-current={state ? undefined : 'true'}
        >
          Any
        </Link>
        {NOTIFICATION_STATES.map((value) => (
          <Link
            key={value}
            href={href(search, { state: value })}
            className={styles.chip}
            aria-current={state === value ? 'true' : undefined}
          >
            {STATE_LABELS[value]}
          </Link>
        ))}
      </nav>
      {channels.items.length > 0 ? (
        <nav className={styles.filters} aria-label="Channel">
          <Link
            href={href(search, { channelId: undefined })}
            className={styles.chip}
            aria-current={search.channelId ? undefined : 'true'}
          >
            Every channel
          </Link>
          {channels.items.map((channel) => (
            <Link
              key={channel.id}
              href={href(search, { channelId: channel.id })}
              className={styles.chip}
              aria-current={search.channelId === channel.id ? 'true' : undefined}
            >
              {channel.name}
            </Link>
          ))}
        </nav>
      ) : null}
      {search.alertId ? (
        <p className={styles.muted}>
          About <Link href={`/alerts/${encodeURIComponent(search.alertId)}`}>one alert</Link> ·{' '}
          <Link href={href(search, { alertId: undefined })}>every alert</Link>
        </p>
      ) : null}
      {page.items.length === 0 ? (
        <EmptyState icon={<Send size={20} />} title="No notifications">
          <p>Messages appear here once a rule with channels fires or resolves.</p>
        </EmptyState>
      ) : (
        <NotificationsTable notifications={page.items} />
      )}
      {page.nextCursor ? (
        <div className={styles.filters}>
          <Link href={href(search, { cursor: page.nextCursor })} className={styles.chip}>
            Older
          </Link>
        </div>
      ) : null}
    </div>
  );
}
