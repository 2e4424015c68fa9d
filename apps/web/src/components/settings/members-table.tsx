import { removeMemberAction } from '@/app/(console)/settings/members/remove-member-action';
import { DataTable } from '@/components/ui/data-table';
import table from '@/components/ui/data-table.module.css';
import { Time } from '@/components/ui/time';
import type { Role } from '@/lib/api/identity';
import type { Member } from '@/lib/api/members';
import { ActionButton } from './action-button';
import { RoleForm } from './role-form';
import { grantableRoles } from './role-gate';

type MembersTableProps = {
  members: Member[];
  myUserId: string | null;
  myRole: Role | null;
  canManage: boolean;
  /** Only one owner left: say so beside them (the API refuses demoting or removing them). */
  lastOwner: boolean;
};

export function MembersTable({ members, myUserId, myRole, canManage, lastOwner }: MembersTableProps) {
  const choices = grantableRoles(myRole);
  return (
    <DataTable caption="Members" columns={['Member', 'Role', 'Joined']} hiddenColumn="Actions">
      {members.map((member) => {
        const self = member.userId === myUserId;
        // Admins manage admin and below; only owners touch owners (the API enforces it too).
        const editable = canManage && (myRole === 'owner' || member.role !== 'owner');
        const who = member.name ?? member.email;
        return (
          <tr key={member.userId}>
            <td>
              <span className={table.primary}>
                {who}
                {self ? ' (you)' : ''}
              </span>
              {member.name ? <span className={table.secondary}>{member.email}</span> : null}
            </td>
            <td>
              {editable ? (
                <RoleForm userId={member.userId} who={who} role={member.role} choices={choices} />
              ) : (
                member.role
              )}
              {member.role === 'owner' && lastOwner ? (
                <span className={table.secondary}>The only owner: cannot be demoted or removed.</span>
              ) : null}
            </td>
            <td>
              <Time value={member.joinedAt} />
            </td>
            <td className={table.actions}>
              {editable && !self ? (
                <ActionButton
                  action={removeMemberAction}
                  fields={{ userId: member.userId }}
                  label="Remove"
                  ariaLabel={`Remove ${who}`}
                  variant="danger"
                  confirm={{
                    title: `Remove ${who}?`,
                    body: (
                      <p>
                        They lose access to this organisation at once, and their API tokens are revoked. You
                        can invite them again later.
                      </p>
                    ),
                  }}
                />
              ) : null}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
