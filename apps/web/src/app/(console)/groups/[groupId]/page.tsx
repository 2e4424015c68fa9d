import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AutohealPolicyPanel } from '@/components/checks/autoheal-policy-panel';
import { CheckDefinitionsPanel } from '@/components/checks/check-definitions-panel';
import { AddMemberForm } from '@/components/groups/add-member-form';
import { GroupChip } from '@/components/groups/group-chip';
import { GroupForm } from '@/components/groups/group-form';
import styles from '@/components/groups/groups.module.css';
import { ActionButton } from '@/components/settings/action-button';
import { hasRole } from '@/components/settings/role-gate';
import settings from '@/components/settings/settings.module.css';
import { DataTable } from '@/components/ui/data-table';
import { PageHeader, Panel } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/status-badge';
import { GroupUpdatePolicyPanel } from '@/components/updates/group-update-policy-panel';
import { ApiError } from '@/lib/api/api-error';
import { listAutohealPolicies } from '@/lib/api/autoheal-policies';
import { listCheckDefinitions } from '@/lib/api/check-definitions';
import { getContainerGroup } from '@/lib/api/container-groups';
import { containerHref, listContainers } from '@/lib/api/containers';
import { listHostsPage } from '@/lib/api/hosts';
import { getServerApi } from '@/lib/api/server-api';
import { listUpdatePolicies } from '@/lib/api/update-policies';
import { loadMe } from '../../load-me';
import { deleteGroupAction } from '../delete-group-action';
import { removeGroupMemberAction } from '../remove-group-member-action';
import { updateGroupAction } from '../update-group-action';

export const metadata: Metadata = { title: 'Group' };

function notFoundOn404(error: unknown): never {
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) notFound();
  throw error;
}

export default async function GroupPage({ params }: { params: Promise<{ groupId: string }> }) {
  const { groupId } = await params;
  const api = await getServerApi();
  const [me, group, definitions, policies, updateRules] = await Promise.all([
    loadMe(),
    getContainerGroup(api, groupId).catch(notFoundOn404),
    listCheckDefinitions(api, { groupId }).catch(() => []),
    listAutohealPolicies(api, { groupId }),
    listUpdatePolicies(api).catch(() => null),
  ]);
  const canEdit = hasRole(me.org?.role, 'operator');
  const canManage = hasRole(me.org?.role, 'admin');
  // The add form offers the containers the caller can see (one page of 200 per list).
  const [hosts, containers] = canEdit
    ? await Promise.all([listHostsPage(api), listContainers(api, { sort: 'host' })])
    : [null, null];
  return (
    <div className={styles.page}>
      <PageHeader
        title={group.name}
        description={
          <>
            <GroupChip group={group} link={false} /> {group.description}
          </>
        }
        actions={
          <Link href={`/containers?group=${encodeURIComponent(group.id)}`}>Show on the containers page</Link>
        }
      />
      {group.members.length === 0 ? (
        <p className={styles.muted}>No containers in this group yet.</p>
      ) : (
        <DataTable
          caption={`Members of ${group.name}`}
          columns={['Container', 'Host', 'State', 'Health']}
          hiddenColumn={canEdit ? 'Actions' : undefined}
        >
          {group.members.map((member) => (
            <tr key={`${member.hostId}/${member.containerName}`}>
              <td>
                {member.container ? (
                  <Link
                    href={containerHref({ hostId: member.hostId, containerId: member.container.containerId })}
                    prefetch={false}
                  >
                    {member.containerName}
                  </Link>
                ) : (
                  member.containerName
                )}
              </td>
              <td>
                <Link href={`/hosts/${encodeURIComponent(member.hostId)}`} prefetch={false}>
                  {member.hostName}
                </Link>
              </td>
              <td>{member.container ? <StatusBadge status={member.container.state} /> : 'not present'}</td>
              <td>
                {member.container && member.container.health !== 'none' ? (
                  <StatusBadge status={member.container.health} />
                ) : (
                  '—'
                )}
              </td>
              {canEdit ? (
                <td>
                  <ActionButton
                    action={removeGroupMemberAction}
                    fields={{ groupId: group.id, hostId: member.hostId, containerName: member.containerName }}
                    label="Remove"
                    ariaLabel={`Remove ${member.containerName} on ${member.hostName} from ${group.name}`}
                  />
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      )}
      {canEdit && hosts && containers ? (
        <Panel title="Add a container">
          <AddMemberForm
            groupId={group.id}
            hosts={hosts.items.map((host) => ({ id: host.id, name: host.name }))}
            containers={containers.items.map((container) => ({
              hostId: container.hostId,
              name: container.name,
            }))}
            members={group.members}
          />
        </Panel>
      ) : null}
      <CheckDefinitionsPanel
        target={{ groupId: group.id }}
        targetText={`every member of ${group.name}`}
        definitions={definitions}
        canWrite={canManage}
      />
      <AutohealPolicyPanel
        target={{ groupId: group.id }}
        targetText={`every member of ${group.name}`}
        policy={policies[0] ?? null}
        canWrite={canManage}
      />
      <GroupUpdatePolicyPanel
        group={group}
        rule={
          updateRules
            ? (updateRules.find((rule) => rule.scope === 'group' && rule.groupId === group.id) ?? null)
            : undefined
        }
        canWrite={canManage}
      />
      {canManage ? (
        <Panel title="Change or delete the group">
          <div className={settings.stack}>
            <GroupForm action={updateGroupAction} submitLabel="Save group" group={group} />
            <ActionButton
              action={deleteGroupAction}
              fields={{ groupId: group.id }}
              label="Delete group"
              variant="danger"
              confirm={{
                title: `Delete the group ${group.name}?`,
                body: <p>Its containers keep running; only the group and its memberships go.</p>,
              }}
            />
          </div>
        </Panel>
      ) : null}
    </div>
  );
}
