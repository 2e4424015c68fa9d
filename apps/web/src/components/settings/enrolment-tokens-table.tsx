import { revokeEnrolmentTokenAction } from '@/app/(console)/settings/enrolment-tokens/revoke-enrolment-token-action';
import { StatusBadge } from '@/components/ui/status-badge';
import { Time } from '@/components/ui/time';
import type { EnrolmentToken } from '@/lib/api/enrolment-tokens';
import { ActionButton } from './action-button';
import { LabelChips } from './label-chips';
import styles from './settings.module.css';

export function EnrolmentTokensTable({ tokens }: { tokens: EnrolmentToken[] }) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <caption className="visually-hidden">Enrolment tokens</caption>
        <thead>
          <tr>
            <th scope="col">Token</th>
            <th scope="col">Labels</th>
            <th scope="col">Uses</th>
            <th scope="col">Status</th>
            <th scope="col">Expires</th>
            <th scope="col">Created</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <td>
                <span className={styles.primaryText}>{token.name}</span>
                <span className={styles.secondaryText}>
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
              <td className={styles.actions}>
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
        </tbody>
      </table>
    </div>
  );
}
