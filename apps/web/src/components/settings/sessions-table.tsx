import { revokeSessionAction } from '@/app/(console)/settings/profile/revoke-session-action';
import { DataTable } from '@/components/ui/data-table';
import table from '@/components/ui/data-table.module.css';
import { StatusBadge } from '@/components/ui/status-badge';
import { Time } from '@/components/ui/time';
import type { UserSession } from '@/lib/api/profile';
import { ActionButton } from './action-button';
import { describeUserAgent } from './describe-user-agent';

export function SessionsTable({ sessions }: { sessions: UserSession[] }) {
  return (
    <DataTable
      caption="Your sessions"
      columns={['Device', 'Address', 'Signed in', 'Last active', 'Expires']}
      hiddenColumn="Actions"
    >
      {sessions.map((session) => (
        <tr key={session.id}>
          <td>
            <span className={table.primary} title={session.userAgent ?? undefined}>
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
          <td className={table.actions}>
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
    </DataTable>
  );
}
