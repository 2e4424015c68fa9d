import { Building2 } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { HostsTable } from '@/components/fleet/hosts-table';
import { InstallAgent } from '@/components/fleet/install-agent';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { listHosts } from '@/lib/api/fleet';
import { getServerApi } from '@/lib/api/server-api';
import { loadMe } from '../load-me';

export const metadata: Metadata = { title: 'Fleet' };

export default async function FleetPage() {
  const me = await loadMe();
  if (!me.org) {
    return (
      <>
        <PageHeader title="Fleet" />
        <EmptyState icon={<Building2 size={20} />} title="You are not in an organisation yet">
          <p>
            Hosts, containers and teammates belong to an organisation. Open the invite link a colleague sent
            you, or create your organisation in <Link href="/settings">Settings</Link>.
          </p>
        </EmptyState>
      </>
    );
  }
  const hosts = await listHosts(await getServerApi());
  const online = hosts.filter((host) => host.status === 'online').length;
  return (
    <>
      <PageHeader
        title="Fleet"
        description={
          hosts.length ? `${online} of ${hosts.length} hosts online` : 'Every host of this organisation'
        }
      />
      {hosts.length ? (
        <HostsTable hosts={hosts} />
      ) : (
        <InstallAgent canEnrol={me.org.role === 'owner' || me.org.role === 'admin'} />
      )}
    </>
  );
}
