import { revokeInviteAction } from '@/app/(console)/settings/invites/revoke-invite-action';
import { DataTable } from '@/components/ui/data-table';
import table from '@/components/ui/data-table.module.css';
import { StatusBadge } from '@/components/ui/status-badge';
import { Time } from '@/components/ui/time';
import type { OrgInvite } from '@/lib/api/members';
import { ActionButton } from './action-button';

export function InvitesTable({ invites }: { invites: OrgInvite[] }) {
  return (
    <DataTable
      caption="Invites"
      columns={['Email', 'Role', 'Status', 'Sent', 'Expires']}
      hiddenColumn="Actions"
    >
      {invites.map((invite) => (
        <tr key={invite.id}>
          <td className={table.primary}>{invite.email}</td>
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
          <td className={table.actions}>
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
    </DataTable>
  );
}
