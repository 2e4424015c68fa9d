import type { NotificationState } from '@berth/api-contract';
import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import { type Tone, ToneBadge } from '@/components/ui/status-badge';
import { Time } from '@/components/ui/time';
import type { NotificationRecord } from '@/lib/api/alert-notifications';
import styles from './alerts.module.css';

const STATE_TONE: Record<NotificationState, Tone> = {
  queued: 'info',
  sending: 'info',
  sent: 'ok',
  failed: 'danger',
  suppressed: 'neutral',
};

const STATE_WORDS: Record<NotificationState, string> = {
  queued: 'queued',
  sending: 'sending',
  sent: 'sent',
  failed: 'dead letter',
  suppressed: 'suppressed',
};

/**
 * One row per message to one channel: when, where (the channel's name and redacted target),
 * what it told, and how delivery went — attempts, the next one, the receiver's last answer.
 */
export function NotificationsTable({
  notifications,
  caption = 'Notifications',
}: {
  notifications: readonly NotificationRecord[];
  caption?: string;
}) {
  return (
    <DataTable caption={caption} columns={['When', 'Channel', 'Told', 'Delivery', 'Last answer']} align="top">
      {notifications.map((item) => (
        <tr key={item.id}>
          <td>
            <Time value={item.createdAt} />
          </td>
          <td>
            <Link href={`/alerts/notifications?channelId=${encodeURIComponent(item.channel.id)}`}>
              {item.channel.name}
            </Link>
            <div className={styles.muted}>{item.channel.target}</div>
          </td>
          <td>
            {item.status ? (
              <ToneBadge tone={item.status === 'firing' ? 'danger' : 'ok'}>{item.status}</ToneBadge>
            ) : null}{' '}
            {item.alerts[0]?.summary ?? '—'}
            {item.alertCount > 1 ? (
              <span className={styles.muted}> and {item.alertCount - 1} more</span>
            ) : null}
          </td>
          <td>
            <ToneBadge tone={STATE_TONE[item.state]}>{STATE_WORDS[item.state]}</ToneBadge>
            <div className={styles.muted}>
              {item.attempts} {item.attempts === 1 ? 'attempt' : 'attempts'}
              {item.sentAt ? (
                <>
                  , sent <Time value={item.sentAt} format="relative" />
                </>
              ) : null}
              {item.nextAttemptAt ? (
                <>
                  , next <Time value={item.nextAttemptAt} format="relative" />
                </>
              ) : null}
            </div>
          </td>
          <td className={item.lastAnswer ? styles.code : undefined}>{item.lastAnswer ?? '—'}</td>
        </tr>
      ))}
    </DataTable>
  );
}
