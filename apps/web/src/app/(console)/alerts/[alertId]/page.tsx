import type { AlertDetail, AlertEvent } from '@berth/api-contract';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AlertObjectLinks } from '@/components/alerts/alert-object-links';
import styles from '@/components/alerts/alerts.module.css';
import { NotificationsTable } from '@/components/alerts/notifications-table';
import { SeverityBadge } from '@/components/alerts/severity-badge';
import { ActionButton } from '@/components/settings/action-button';
import { hasRole } from '@/components/settings/role-gate';
import { FactList } from '@/components/ui/fact-list';
import { Panel } from '@/components/ui/page-header';
import { type Tone, ToneBadge } from '@/components/ui/status-badge';
import { Time } from '@/components/ui/time';
import { listNotifications } from '@/lib/api/alert-notifications';
import { getAlert } from '@/lib/api/alerts';
import { ApiError } from '@/lib/api/api-error';
import { getServerApi } from '@/lib/api/server-api';
import { loadMe } from '../../load-me';
import { acknowledgeAlertAction, unacknowledgeAlertAction } from '../alert-actions';

export const metadata: Metadata = { title: 'Alert' };

function notFoundOn404(error: unknown): never {
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) notFound();
  throw error;
}

const STATE_TONE: Record<AlertDetail['state'], Tone> = { firing: 'danger', pending: 'warn', resolved: 'ok' };

const EVENT_WORDS: Record<AlertEvent['kind'], string> = {
  pending: 'Condition seen (pending)',
  firing: 'Firing',
  resolved: 'Resolved',
  acknowledged: 'Acknowledged',
  unacknowledged: 'Acknowledgement taken back',
  notified: 'Notified',
  suppressed: 'Notification suppressed',
};

/** What an event's details add: the channel notified, what suppressed it, a comment. */
function describeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, value]) => typeof value === 'string' || typeof value === 'number')
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(' · ');
}

export default async function AlertPage({ params }: { params: Promise<{ alertId: string }> }) {
  const { alertId } = await params;
  const api = await getServerApi();
  const [me, alert] = await Promise.all([loadMe(), getAlert(api, alertId).catch(notFoundOn404)]);
  const notifications = await listNotifications(api, { alertId: alert.id, limit: 20 });
  const canAct = hasRole(me.org?.role, 'operator') && alert.state !== 'resolved';
  return (
    <div className={styles.page}>
      <Panel title={alert.summary}>
        <FactList
          facts={[
            [
              'State',
              <ToneBadge key="s" tone={STATE_TONE[alert.state]}>
                {alert.state}
              </ToneBadge>,
            ],
            ['Severity', <SeverityBadge key="v" severity={alert.severity} />],
            [
              'Rule',
              <Link key="r" href={`/alerts?ruleId=${alert.rule.id}&state=${alert.state}`}>
                {alert.rule.name}
              </Link>,
            ],
            ['Host / container', <AlertObjectLinks key="o" alert={alert} />],
            ['Value', alert.value === null ? '—' : String(Math.round(alert.value * 100) / 100)],
            ['Pending since', <Time key="p" value={alert.pendingSince} />],
            ['Fired', alert.firedAt ? <Time key="f" value={alert.firedAt} /> : '—'],
            ['Resolved', alert.resolvedAt ? <Time key="d" value={alert.resolvedAt} /> : '—'],
            [
              'Acknowledged',
              alert.acknowledged ? (
                <span key="a">
                  by {alert.acknowledged.by ?? 'a former member'},{' '}
                  <Time value={alert.acknowledged.at} format="relative" />
                  {alert.acknowledged.comment ? ` — ${alert.acknowledged.comment}` : ''}
                </span>
              ) : (
                'no'
              ),
            ],
            [
              'Silenced',
              alert.silencedBy.length > 0 ? (
                <Link key="x" href="/alerts/silences">
                  yes
                </Link>
              ) : (
                'no'
              ),
            ],
            ['Notifications', `${alert.notifyCount}`],
          ]}
        />
        {canAct ? (
          <div className={styles.rowActions}>
            <ActionButton
              action={alert.acknowledged ? unacknowledgeAlertAction : acknowledgeAlertAction}
              fields={{ alertId: alert.id }}
              label={alert.acknowledged ? 'Unacknowledge' : 'Acknowledge'}
            />
            <Link
              className={styles.chip}
              href={`/alerts/silences/new?fromAlertId=${encodeURIComponent(alert.id)}`}
            >
              Silence
            </Link>
          </div>
        ) : null}
      </Panel>
      <Panel title="Labels">
        <div className={styles.labels}>
          {Object.entries(alert.labels).map(([key, value]) => (
            <ToneBadge key={key} tone="neutral">
              <span className={styles.code}>
                {key}={value}
              </span>
            </ToneBadge>
          ))}
        </div>
      </Panel>
      <Panel title="Notifications">
        {notifications.items.length === 0 ? (
          <p className={styles.muted}>No message has told of this alert.</p>
        ) : (
          <NotificationsTable notifications={notifications.items} caption="Notifications of this alert" />
        )}
        {notifications.nextCursor ? (
          <Link href={`/alerts/notifications?alertId=${encodeURIComponent(alert.id)}`}>
            Every notification
          </Link>
        ) : null}
      </Panel>
      <Panel title="Timeline">
        <ol className={styles.timeline} aria-label="Alert timeline">
          {alert.events.map((event) => (
            <li key={event.id}>
              <Time value={event.at} />
              <span>
                {EVENT_WORDS[event.kind]}
                {event.actor ? ` by ${event.actor}` : ''}
                {event.value !== null ? ` (value ${Math.round(event.value * 100) / 100})` : ''}
                {Object.keys(event.details).length > 0 ? (
                  <span className={styles.muted}> — {describeDetails(event.details)}</span>
                ) : null}
              </span>
            </li>
          ))}
        </ol>
      </Panel>
    </div>
  );
}
