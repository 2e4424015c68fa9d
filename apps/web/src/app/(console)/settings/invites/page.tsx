import { MailPlus } from 'lucide-react';
import type { Metadata } from 'next';
import { AdminOnly } from '@/components/settings/admin-only';
import { CreateInviteForm } from '@/components/settings/create-invite-form';
import { InvitesTable } from '@/components/settings/invites-table';
import { grantableRoles, hasRole } from '@/components/settings/role-gate';
import styles from '@/components/settings/settings.module.css';
import { EmptyState } from '@/components/ui/empty-state';
import { Panel } from '@/components/ui/page-header';
import { listInvites } from '@/lib/api/members';
import { getServerApi } from '@/lib/api/server-api';
import { loadMe } from '../../load-me';

export const metadata: Metadata = { title: 'Invites' };

export default async function InvitesPage() {
  const me = await loadMe();
  const role = me.org?.role ?? null;
  if (!hasRole(role, 'admin')) return <AdminOnly what="invite people" role={role} />;
  const invites = await listInvites(await getServerApi());
  return (
    <div className={styles.stack}>
      <Panel title="Invite someone">
        <CreateInviteForm roles={grantableRoles(role)} />
      </Panel>
      <section aria-labelledby="invites-title">
        <div className={styles.sectionHead}>
          <h2 id="invites-title" className={styles.sectionTitle}>
            Invites
          </h2>
        </div>
        {invites.items.length === 0 ? (
          <EmptyState icon={<MailPlus size={20} />} title="No invites yet">
            <p>
              An invite is a one-time link for one e-mail address. Whoever opens it signs up (or signs in)
              with that address and joins with the role you chose. Links expire, and a new invite to the same
              address replaces the old one.
            </p>
          </EmptyState>
        ) : (
          <InvitesTable invites={invites.items} />
        )}
      </section>
    </div>
  );
}
