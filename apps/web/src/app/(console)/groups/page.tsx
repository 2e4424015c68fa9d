import { Tags } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { GroupChip } from '@/components/groups/group-chip';
import { GroupForm } from '@/components/groups/group-form';
import styles from '@/components/groups/groups.module.css';
import { ActionButton } from '@/components/settings/action-button';
import { hasRole } from '@/components/settings/role-gate';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader, Panel } from '@/components/ui/page-header';
import { listContainerGroups } from '@/lib/api/container-groups';
import { getServerApi } from '@/lib/api/server-api';
import { formatCount } from '@/lib/format/format-number';
import { loadMe } from '../load-me';
import { createGroupAction } from './create-group-action';
import { deleteGroupAction } from './delete-group-action';

export const metadata: Metadata = { title: 'Groups' };

export default async function GroupsPage() {
  const api = await getServerApi();
  const [me, groups] = await Promise.all([loadMe(), listContainerGroups(api)]);
  const canManage = hasRole(me.org?.role, 'admin');
  return (
    <div className={styles.page}>
      <PageHeader
        title="Groups"
        description="Named sets of containers. A member is a host and a container name, so it stays in its groups when the container is recreated."
      />
      {canManage ? (
        <Panel title="Create a group">
          <GroupForm action={createGroupAction} submitLabel="Create group" />
        </Panel>
      ) : null}
      {groups.length === 0 ? (
        <EmptyState icon={<Tags size={20} />} title="No groups yet">
          <p>
            Group the containers that belong together (a web tier, the databases, one customer’s stack), then
            filter the containers and fleet pages by group.
            {canManage ? '' : ' Ask an admin to create the first one.'}
          </p>
        </EmptyState>
      ) : (
        <DataTable
          caption="Container groups"
          columns={['Group', 'Description', 'Members']}
          hiddenColumn={canManage ? 'Actions' : undefined}
        >
          {groups.map((group) => (
            <tr key={group.id}>
              <td>
                <GroupChip group={group} />
              </td>
              <td>{group.description || '—'}</td>
              <td>
                <Link href={`/containers?group=${encodeURIComponent(group.id)}`} prefetch={false}>
                  {formatCount(group.memberCount)} {group.memberCount === 1 ? 'container' : 'containers'}
                </Link>
              </td>
              {canManage ? (
                <td>
                  <ActionButton
                    action={deleteGroupAction}
                    fields={{ groupId: group.id }}
                    label="Delete"
                    ariaLabel={`Delete group ${group.name}`}
                    variant="danger"
                    confirm={{
                      title: `Delete the group ${group.name}?`,
                      body: <p>Its containers keep running; only the group and its memberships go.</p>,
                    }}
                  />
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
