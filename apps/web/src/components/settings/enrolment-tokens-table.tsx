import { revokeEnrolmentTokenAction } from '@/app/(console)/settings/enrolment-tokens/revoke-enrolment-token-action';
import { DataTable } from '@/components/ui/data-table';
import table from '@/components/ui/data-table.module.css';
import { StatusBadge } from '@/components/ui/status-badge';
import { Time } from '@/components/ui/time';
import type { EnrolmentToken } from '@/lib/api/enrolment-tokens';
import { ActionButton } from './action-button';
import { LabelChips } from './label-chips';

export function EnrolmentTokensTable({ tokens }: { tokens: EnrolmentToken[] }) {
  return (
    <DataTable
      caption="Enrolment tokens"
      columns={['Token', 'Labels', 'Uses', 'Status', 'Expires', 'Created']}
      hiddenColumn="Actions"
    >
      {tokens.map((token) => (
        <tr key={token.id}>
          <td>
            <span className={table.primary}>{token.name}</span>
            <span className={table.secondary}>
              <code>{token.prefix}…</code>
            </span>
          </td>
          <td>
            <LabelChips labels={token.labels} />
          </td>
          <td>
            {token.uses}
            {token.maxUses === null ? '' : ` / ${token.maxUses}`}
          </td>
          <td>
            <StatusBadge status={token.status} />
          </td>
          <td>
            <Time value={token.expiresAt} />
          </td>
          <td>
            <Time value={token.createdAt} />
          </td>
          <td className={table.actions}>
            {token.status === 'active' ? (
              <ActionButton
                action={revokeEnrolmentTokenAction}
                fields={{ tokenId: token.id }}
                label="Revoke"
                ariaLabel={`Revoke enrolment token ${token.name}`}
                variant="danger"
                confirm={{
                  title: `Revoke the enrolment token “${token.name}”?`,
                  body: <p>No more hosts can enrol with it. Hosts already enrolled keep working.</p>,
                }}
              />
            ) : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
