import { revokeSessionAction } from '@/app/(console)/settings/profile/revoke-session-action';
import { StatusBadge } from '@/components/ui/status-badge';
import { Time } from '@/components/ui/time';
import type { UserSession } from '@/lib/api/profile';
import { ActionButton } from './action-button';
import { describeUserAgent } from './describe-user-agent';
import styles from './settings.module.css';

export function SessionsTable({ sessions }: { sessions: UserSession[] }) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <caption className="visually-hidden">Your sessions</caption>
        <thead>
          <tr>
            <th scope="col">Device</th>
            <th scope="col">Address</th>
            <th scope="col">Signed in</th>
            <th scope="col">Last active</th>
            <th scope="col">Expires</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.id}>
              <td>
                <span className={styles.primaryText} title={session.userAgent ?? undefined}>
                  {describeUserAgent(session.userAgent)}
                </span>
              </td>
              <td>{session.ip ?? '—'}</td>
              <td>
                <Time value={session.createdAt} />
              </td>
              <td>
                <Time value={session.lastSeenAt} format="relative" />
              </td>
              <td>
                <Time value={session.expiresAt} />
              </td>
              <td className={styles.actions}>
                {session.current ? (
                  <StatusBadge status="this browser" />
                ) : (
                  <ActionButton
                    action={revokeSessionAction}
                    fields={{ sessionId: session.id }}
                    label="Revoke"
                    ariaLabel={`Revoke session ${describeUserAgent(session.userAgent)} from ${session.ip ?? 'unknown address'}`}
                    variant="danger"
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
