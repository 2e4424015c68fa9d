import { Building2 } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { FleetView } from '@/components/fleet/fleet-view';
import { InstallAgent } from '@/components/fleet/install-agent';
import { EmptyState } from '@/components/ui/empty-state';
import { listContainerGroups } from '@/lib/api/container-groups';
import { listHostsPage } from '@/lib/api/hosts';
import { getOverview } from '@/lib/api/overview';
import { getServerApi } from '@/lib/api/server-api';
import { loadMe } from '../load-me';

export const metadata: Metadata = { title: 'Fleet' };

const FIRST_SCREEN_HOSTS = 40;

export default async function FleetPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const group = [(await searchParams).group].flat()[0] ?? '';
  const me = await loadMe();
  if (!me.org) {
    return (
      <EmptyState icon={<Building2 size={20} />} title="You are not in an organisation yet">
        <p>
          Hosts, containers and teammates belong to an organisation. Open the invite link a colleague sent
          you, or create your organisation in <Link href="/settings">Settings</Link>.
        </p>
      </EmptyState>
    );
  }
  const api = await getServerApi();
  // The first screen (and a little more) renders at once; FleetView loads the rest in pages of
  // 200, so 1,000 hosts neither delay the first paint nor bloat the HTML.
  const [firstPage, overview, groups] = await Promise.all([
    listHostsPage(api, { limit: FIRST_SCREEN_HOSTS }),
    getOverview(api).catch(() => null),
    listContainerGroups(api),
  ]);
  return firstPage.items.length ? (
    <FleetView
      firstPage={firstPage}
      overview={overview}
      groups={groups.map((choice) => ({ id: choice.id, name: choice.name, colour: choice.colour }))}
      initialGroup={group}
    />
  ) : (
    <InstallAgent canEnrol={me.org.role === 'owner' || me.org.role === 'admin'} />
  );
}
