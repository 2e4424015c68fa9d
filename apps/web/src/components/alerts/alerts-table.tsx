import Link from 'next/link';
import {
  acknowledgeAlertAction,
  silenceAlertForAnHourAction,
  unacknowledgeAlertAction,
} from '@/app/(console)/alerts/alert-actions';
import { ActionButton } from '@/components/settings/action-button';
import { DataTable } from '@/components/ui/data-table';
import { ToneBadge } from '@/components/ui/status-badge';
import { Time } from '@/components/ui/time';
import type { Alert } from '@/lib/api/alerts';
import { AlertObjectLinks } from './alert-object-links';
import styles from './alerts.module.css';
import { SeverityBadge } from './severity-badge';

/** One row per alert: what, where, since when, and (for operators) acknowledge and silence. */
export function AlertsTable({ alerts, canAct }: { alerts: readonly Alert[]; canAct: boolean }) {
  return (
    <DataTable
      caption="Alerts"
      columns={['Severity', 'Alert', 'Rule', 'Host / container', 'Since']}
      hiddenColumn={canAct ? 'Actions' : undefined}
      align="top"
    >
      {alerts.map((alert) => (
        <tr key={alert.id}>
          <td>
            <SeverityBadge severity={alert.severity} />
          </td>
          <td>
            <Link href={`/alerts/${alert.id}`}>{alert.summary}</Link>
            <div className={styles.markers}>
              {alert.acknowledged ? (
                <ToneBadge tone="info">
                  acknowledged{alert.acknowledged.by ? ` by ${alert.acknowledged.by}` : ''}
                </ToneBadge>
              ) : null}
              {alert.silencedBy.length > 0 ? <ToneBadge tone="neutral">silenced</ToneBadge> : null}
            </div>
          </td>
          <td>
            <Link href={`/alerts?ruleId=${encodeURIComponent(alert.rule.id)}&state=${alert.state}`}>
              {alert.rule.name}
            </Link>
          </td>
          <td>
            <AlertObjectLinks alert={alert} />
          </td>
          <td>
            <Time
              value={alert.state === 'resolved' ? alert.resolvedAt : (alert.firedAt ?? alert.pendingSince)}
              format="relative"
            />
          </td>
          {canAct ? (
            <td>
              {alert.state === 'resolved' ? null : (
                <div className={styles.rowActions}>
                  {alert.acknowledged ? (
                    <ActionButton
                      action={unacknowledgeAlertAction}
                      fields={{ alertId: alert.id }}
                      label="Unacknowledge"
                      ariaLabel={`Unacknowledge ${alert.summary}`}
                    />
                  ) : (
                    <ActionButton
                      action={acknowledgeAlertAction}
                      fields={{ alertId: alert.id }}
                      label="Acknowledge"
                      ariaLabel={`Acknowledge ${alert.summary}`}
                    />
                  )}
                  {alert.silencedBy.length > 0 ? null : (
                    <ActionButton
                      action={silenceAlertForAnHourAction}
                      fields={{ alertId: alert.id }}
                      label="Silence 1 h"
                      ariaLabel={`Silence ${alert.summary} for an hour`}
                    />
                  )}
                  <Link
                    className={styles.chip}
                    href={`/alerts/silences/new?fromAlertId=${encodeURIComponent(alert.id)}`}
                    aria-label={`Silence ${alert.summary}`}
                  >
                    Silence for…
                  </Link>
                </div>
              )}
            </td>
          ) : null}
        </tr>
      ))}
    </DataTable>
  );
}
