import { Moon } from 'lucide-react';
import type { Metadata } from 'next';
import styles from '@/components/alerts/alerts.module.css';
import { formatMatcher } from '@/components/alerts/matcher-text';
import { MuteWindowForm } from '@/components/alerts/mute-window-form';
import { ActionButton } from '@/components/settings/action-button';
import { hasRole } from '@/components/settings/role-gate';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { Panel } from '@/components/ui/page-header';
import { ToneBadge } from '@/components/ui/status-badge';
import { listMuteWindows } from '@/lib/api/alert-silences';
import { getServerApi } from '@/lib/api/server-api';
import { WEEKDAY_NAMES } from '@/lib/format/weekdays';
import { loadMe } from '../../load-me';
import { deleteMuteWindowAction, toggleMuteWindowAction } from './mute-window-actions';

export const metadata: Metadata = { title: 'Mute windows' };

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

export default async function MuteWindowsPage() {
  const [me, windows] = await Promise.all([loadMe(), listMuteWindows(await getServerApi())]);
  const canManage = hasRole(me.org?.role, 'admin');
  return (
    <div className={styles.page}>
      <p className={styles.muted}>
        Recurring windows in a time zone. Maintenance mutes every alert that matches; quiet hours mute the
        chosen severities (critical usually still gets through). Muted alerts still show here; only
        notifications wait.
      </p>
      {canManage ? (
        <Panel title="Add a mute window">
          <MuteWindowForm />
        </Panel>
      ) : null}
      {windows.items.length === 0 ? (
        <EmptyState icon={<Moon size={20} />} title="No mute windows">
          <p>{canManage ? 'Add one above.' : 'An admin adds mute windows.'}</p>
        </EmptyState>
      ) : (
        <DataTable
          caption="Mute windows"
          columns={['Window', 'When', 'Mutes', 'Now']}
          hiddenColumn={canManage ? 'Actions' : undefined}
          align="top"
        >
          {windows.items.map((window) => (
            <tr key={window.id}>
              <td>
                <strong>{window.name}</strong>
                <div className={styles.muted}>
                  {window.kind === 'maintenance' ? 'maintenance' : 'quiet hours'}
                </div>
              </td>
              <td>
                {window.weekdays.map((day) => WEEKDAY_NAMES[day]).join(', ')} at {clock(window.startMinute)}{' '}
                for {Math.round((window.durationMinutes / 60) * 100) / 100} h ({window.timeZone})
              </td>
              <td>
                {window.severities.join(', ')}
                {window.matchers.length ? (
                  <div className={styles.code}>{window.matchers.map(formatMatcher).join(', ')}</div>
                ) : null}
              </td>
              <td>
                {window.activeNow ? (
                  <ToneBadge tone="warn">muting</ToneBadge>
                ) : (
                  <ToneBadge tone="neutral">{window.enabled ? 'waiting' : 'disabled'}</ToneBadge>
                )}
              </td>
              {canManage ? (
                <td>
                  <div className={styles.rowActions}>
                    <ActionButton
                      action={toggleMuteWindowAction}
                      fields={{ windowId: window.id, enabled: String(!window.enabled) }}
                      label={window.enabled ? 'Disable' : 'Enable'}
                      ariaLabel={`${window.enabled ? 'Disable' : 'Enable'} mute window ${window.name}`}
                    />
                    <ActionButton
                      action={deleteMuteWindowAction}
                      fields={{ windowId: window.id }}
                      label="Delete"
                      ariaLabel={`Delete mute window ${window.name}`}
                      variant="danger"
                      confirm={{
                        title: `Delete the mute window ${window.name}?`,
                        body: <p>Alerts it muted notify again.</p>,
                      }}
                    />
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
