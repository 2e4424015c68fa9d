import { revokeInviteAction } from '@/app/(console)/settings/invites/revoke-invite-action';
import { StatusBadge } from '@/components/ui/status-badge';
import { Time } from '@/components/ui/time';
import type { OrgInvite } from '@/lib/api/members';
import { ActionButton } from './action-button';
import styles from './settings.module.css';

export function InvitesTable({ invites }: { invites: OrgInvite[] }) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <caption className="visually-hidden">Invites</caption>
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Sent</th>
            <th scope="col">Expires</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {invites.map((invite) => (
            <tr key={invite.id}>
              <td className={styles.primaryText}>{invite.email}</td>
              <td>{invite.role}</td>
              <td>
                <StatusBadge status={invite.status} />
              </td>
              <td>
                <Time value={invite.createdAt} />
              </td>
              <td>
                <Time value={invite.expiresAt} />
              </td>
              <td className={styles.actions}>
                {invite.status === 'pending' ? (
                  <ActionButton
                    action={revokeInviteAction}
                    fields={{ inviteId: invite.id }}
                    label="Revoke"
                    ariaLabel={`Revoke invite for ${invite.email}`}
                    variant="danger"
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
