import Link from 'next/link';
import { deleteHostAction } from '@/app/(console)/settings/hosts/delete-host-action';
import { revokeHostAction } from '@/app/(console)/settings/hosts/revoke-host-action';
import { DataTable } from '@/components/ui/data-table';
import table from '@/components/ui/data-table.module.css';
import { StatusBadge } from '@/components/ui/status-badge';
import { Time } from '@/components/ui/time';
import type { ManagedHost } from '@/lib/api/host-admin';
import { ActionButton } from './action-button';
import { EditHostButton } from './edit-host-form';
import { LabelChips } from './label-chips';
import styles from './settings.module.css';

export function HostsAdminTable({ hosts }: { hosts: ManagedHost[] }) {
  return (
    <DataTable
      caption="Hosts"
      columns={['Host', 'Status', 'Labels', 'Last seen', 'Agent']}
      hiddenColumn="Actions"
    >
      {hosts.map((host) => (
        <tr key={host.id}>
          <td>
            <Link className={table.primary} href={`/hosts/${encodeURIComponent(host.id)}`}>
              {host.name}
            </Link>
            {host.hostname !== host.name ? <span className={table.secondary}>{host.hostname}</span> : null}
          </td>
          <td>
            <StatusBadge status={host.revokedAt ? 'revoked' : host.status} />
          </td>
          <td>
            <LabelChips labels={host.labels} />
          </td>
          <td>
            <Time value={host.lastSeenAt} format="relative" />
          </td>
          <td>
            {host.agentVersion ?? '—'}
            {host.agentUpdateAvailable ? <span className={table.secondary}>Update available</span> : null}
          </td>
          <td className={table.actions}>
            <div className={styles.inlineForm}>
              <EditHostButton host={host} />
              {host.revokedAt ? null : (
                <ActionButton
                  action={revokeHostAction}
                  fields={{ hostId: host.id }}
                  label="Revoke"
                  ariaLabel={`Revoke host ${host.name}`}
                  variant="danger"
                  confirm={{
                    title: `Revoke ${host.name}?`,
                    body: (
                      <p>
                        Its agent is disconnected and refused from now on; its history stays. To bring the
                        host back, enrol it again with a new token.
                      </p>
                    ),
                  }}
                />
              )}
              <ActionButton
                action={deleteHostAction}
                fields={{ hostId: host.id }}
                label="Delete"
                ariaLabel={`Delete host ${host.name}`}
                variant="danger"
                confirm={{
                  title: `Delete ${host.name} and all its data?`,
                  body: (
                    <>
                      <p>
                        Its containers, metrics, events and logs are erased for good.
                        {host.revokedAt ? '' : ' A running agent is disconnected too.'}
                      </p>
                      <p>This cannot be undone.</p>
                    </>
                  ),
                }}
              />
            </div>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
