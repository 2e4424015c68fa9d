import { Server } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { AdminOnly } from '@/components/settings/admin-only';
import { HostsAdminTable } from '@/components/settings/hosts-admin-table';
import { hasRole } from '@/components/settings/role-gate';
import styles from '@/components/settings/settings.module.css';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { listManagedHosts } from '@/lib/api/host-admin';
import { getServerApi } from '@/lib/api/server-api';
import { loadMe } from '../../load-me';

export const metadata: Metadata = { title: 'Hosts' };

export default async function HostsSettingsPage() {
  const me = await loadMe();
  const role = me.org?.role ?? null;
  if (!hasRole(role, 'admin')) return <AdminOnly what="rename, label, revoke or delete hosts" role={role} />;
  const hosts = await listManagedHosts(await getServerApi());
  return (
    <section className={styles.stack} aria-labelledby="hosts-title">
      <div className={styles.sectionHead}>
        <div>
          <h2 id="hosts-title" className={styles.sectionTitle}>
            Hosts ({hosts.length})
          </h2>
          <p className={styles.muted}>
            Rename hosts and set their labels (teams can be limited to hosts by label). Revoking disconnects
            an agent for good; deleting also erases its history.
          </p>
        </div>
        <Link className={buttonClass({ variant: 'primary' })} href="/settings/enrolment-tokens">
          Add hosts
        </Link>
      </div>
      {hosts.length === 0 ? (
        <EmptyState icon={<Server size={20} />} title="No hosts yet">
          <p>
            Create an enrolment token and run its install command on a host: the agent connects out to Berth,
            and the host appears here to rename and label.
          </p>
        </EmptyState>
      ) : (
        <HostsAdminTable hosts={hosts} />
      )}
    </section>
  );
}
