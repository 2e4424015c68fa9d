import { revokeApiTokenAction } from '@/app/(console)/settings/api-tokens/revoke-api-token-action';
import { DataTable } from '@/components/ui/data-table';
import table from '@/components/ui/data-table.module.css';
import { StatusBadge } from '@/components/ui/status-badge';
import { Time } from '@/components/ui/time';
import type { ApiToken } from '@/lib/api/api-tokens';
import { ActionButton } from './action-button';

/** A token's state from its dates: revoked, expired or active. */
export function apiTokenStatus(token: Pick<ApiToken, 'revokedAt' | 'expiresAt'>, now: number): string {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return 'expired';
  return 'active';
}

export function ApiTokensTable({
  tokens,
  creatorNames,
}: {
  tokens: ApiToken[];
  creatorNames: Record<string, string>;
}) {
  const now = Date.now();
  return (
    <DataTable
      caption="API tokens"
      columns={['Token', 'Role', 'Status', 'Created', 'Last used', 'Expires']}
      hiddenColumn="Actions"
    >
      {tokens.map((token) => {
        const status = apiTokenStatus(token, now);
        return (
          <tr key={token.id}>
            <td>
              <span className={table.primary}>{token.name}</span>
              <span className={table.secondary}>
                <code>{token.prefix}…</code>
                {token.createdBy ? ` · by ${creatorNames[token.createdBy] ?? 'a former member'}` : ''}
              </span>
            </td>
            <td>{token.role}</td>
            <td>
              <StatusBadge status={status} />
            </td>
            <td>
              <Time value={token.createdAt} />
            </td>
            <td>{token.lastUsedAt ? <Time value={token.lastUsedAt} format="relative" /> : 'Never'}</td>
            <td>{token.expiresAt ? <Time value={token.expiresAt} /> : 'Never'}</td>
            <td className={table.actions}>
              {status === 'active' ? (
                <ActionButton
                  action={revokeApiTokenAction}
                  fields={{ tokenId: token.id }}
                  label="Revoke"
                  ariaLabel={`Revoke API token ${token.name}`}
                  variant="danger"
                  confirm={{
                    title: `Revoke the API token “${token.name}”?`,
                    body: <p>Anything still using it is refused from now on. This cannot be undone.</p>,
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
