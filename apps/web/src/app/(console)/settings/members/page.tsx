import { Users } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { MembersTable } from '@/components/settings/members-table';
import { adminOnlyReason, hasRole } from '@/components/settings/role-gate';
import styles from '@/components/settings/settings.module.css';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { listMembers } from '@/lib/api/members';
import { getServerApi } from '@/lib/api/server-api';
import { loadMe } from '../../load-me';

export const metadata: Metadata = { title: 'Members' };

export default async function MembersPage() {
  const [me, members] = await Promise.all([loadMe(), getServerApi().then(listMembers)]);
  const role = me.org?.role ?? null;
  const canManage = hasRole(role, 'admin');
  const owners = members.filter((member) => member.role === 'owner').length;
  return (
    <section className={styles.stack} aria-labelledby="members-title">
      <div className={styles.sectionHead}>
        <div>
          <h2 id="members-title" className={styles.sectionTitle}>
            Members ({members.length})
          </h2>
          <p className={styles.muted}>
            Owners and admins manage the organisation; operators also run container actions; viewers only
            look.{' '}
            {canManage
              ? 'Only owners grant or change the owner role.'
              : adminOnlyReason('change roles', role)}
          </p>
        </div>
        {canManage ? (
          <Link className={buttonClass({ variant: 'primary' })} href="/settings/invites">
            Invite someone
          </Link>
        ) : null}
      </div>
      {members.length <= 1 && canManage ? (
        <EmptyState icon={<Users size={20} />} title="Just you so far">
          <p>
            Invite teammates by e-mail from the Invites tab. Give viewers a read-only look, operators the
            right to restart containers, and admins the keys to this settings page.
          </p>
        </EmptyState>
      ) : null}
      <MembersTable
        members={members}
        myUserId={me.userId}
        myRole={role}
        canManage={canManage}
        lastOwner={owners <= 1}
      />
    </section>
  );
}
