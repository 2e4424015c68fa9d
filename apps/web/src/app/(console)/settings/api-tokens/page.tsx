import { KeyRound } from 'lucide-react';
import type { Metadata } from 'next';
import { ApiTokensTable } from '@/components/settings/api-tokens-table';
import { CreateApiTokenForm } from '@/components/settings/create-api-token-form';
import { PrometheusScrapePanel } from '@/components/settings/prometheus-scrape-panel';
import { grantableRoles, hasRole } from '@/components/settings/role-gate';
import styles from '@/components/settings/settings.module.css';
import { EmptyState } from '@/components/ui/empty-state';
import { Panel } from '@/components/ui/page-header';
import { getPublicOrigin } from '@/env';
import { listApiTokens } from '@/lib/api/api-tokens';
import { listMembers } from '@/lib/api/members';
import { getServerApi } from '@/lib/api/server-api';
import { loadMe } from '../../load-me';

export const metadata: Metadata = { title: 'API tokens' };

export default async function ApiTokensPage() {
  const api = await getServerApi();
  const [me, tokens, members] = await Promise.all([loadMe(), listApiTokens(api), listMembers(api)]);
  const role = me.org?.role ?? null;
  const names = new Map(members.map((member) => [member.userId, member.name ?? member.email]));
  return (
    <div className={styles.stack}>
      <Panel title="Create an API token">
        <CreateApiTokenForm roles={grantableRoles(role)} />
      </Panel>
      <section aria-labelledby="tokens-title">
        <div className={styles.sectionHead}>
          <h2 id="tokens-title" className={styles.sectionTitle}>
            API tokens
          </h2>
          <p className={styles.muted}>
            {hasRole(role, 'admin') ? 'Every token of the organisation.' : 'Your own tokens.'}
          </p>
        </div>
        {tokens.items.length === 0 ? (
          <EmptyState icon={<KeyRound size={20} />} title="No API tokens yet">
            <p>
              Scripts and CI jobs call the Berth API with a token instead of a password: send it as{' '}
              <code>Authorization: Bearer berth_api_…</code>. Give each job its own token with the lowest role
              that works, so revoking one breaks nothing else.
            </p>
          </EmptyState>
        ) : (
          <ApiTokensTable tokens={tokens.items} creatorNames={Object.fromEntries(names)} />
        )}
      </section>
      <Panel title="Prometheus">
        <PrometheusScrapePanel origin={getPublicOrigin()} />
      </Panel>
    </div>
  );
}
