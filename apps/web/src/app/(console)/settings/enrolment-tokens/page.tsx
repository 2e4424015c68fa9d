import { TerminalSquare } from 'lucide-react';
import type { Metadata } from 'next';
import { AdminOnly } from '@/components/settings/admin-only';
import { CreateEnrolmentTokenForm } from '@/components/settings/create-enrolment-token-form';
import { EnrolmentTokensTable } from '@/components/settings/enrolment-tokens-table';
import { hasRole } from '@/components/settings/role-gate';
import styles from '@/components/settings/settings.module.css';
import { EmptyState } from '@/components/ui/empty-state';
import { Panel } from '@/components/ui/page-header';
import { listEnrolmentTokens } from '@/lib/api/enrolment-tokens';
import { getServerApi } from '@/lib/api/server-api';
import { loadMe } from '../../load-me';

export const metadata: Metadata = { title: 'Enrolment tokens' };

export default async function EnrolmentTokensPage() {
  const me = await loadMe();
  const role = me.org?.role ?? null;
  if (!hasRole(role, 'admin')) return <AdminOnly what="enrol hosts" role={role} />;
  const tokens = await listEnrolmentTokens(await getServerApi());
  return (
    <div className={styles.stack}>
      <Panel title="Create an enrolment token">
        <CreateEnrolmentTokenForm />
      </Panel>
      <section aria-labelledby="enrolment-title">
        <div className={styles.sectionHead}>
          <h2 id="enrolment-title" className={styles.sectionTitle}>
            Enrolment tokens
          </h2>
        </div>
        {tokens.items.length === 0 ? (
          <EmptyState icon={<TerminalSquare size={20} />} title="No enrolment tokens yet">
            <p>
              A host joins Berth when its agent presents an enrolment token once. Create one above: you get a
              single command to paste on the host as root. Limit how many hosts may use it and for how long,
              and give it labels (like <code>env=prod</code>) that every host enrolled with it carries.
            </p>
          </EmptyState>
        ) : (
          <EnrolmentTokensTable tokens={tokens.items} />
        )}
      </section>
    </div>
  );
}
