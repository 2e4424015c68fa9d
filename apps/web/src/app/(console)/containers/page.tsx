import type { Metadata } from 'next';
import { ContainersBrowser } from '@/components/container/containers-browser';
import { PageHeader } from '@/components/ui/page-header';
import { listContainerGroups } from '@/lib/api/container-groups';
import { listContainers } from '@/lib/api/containers';
import { listHostsPage } from '@/lib/api/hosts';
import { listImageUpdates } from '@/lib/api/image-updates';
import { getServerApi } from '@/lib/api/server-api';
import { containerQueryFromSearch, containerQueryToSearch } from '@/lib/fleet/container-query';
import { containersWithUpdates } from '@/lib/fleet/image-update-rows';

export const metadata: Metadata = { title: 'Containers' };

export default async function ContainersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = containerQueryFromSearch(await searchParams);
  const api = await getServerApi();
  const [firstPage, hosts, groups, updates] = await Promise.all([
    listContainers(api, query),
    listHostsPage(api),
    listContainerGroups(api),
    listImageUpdates(api).catch(() => null),
  ]);
  return (
    <>
      <PageHeader
        title="Containers"
        description="Every container on every host, with state, health and resource use"
      />
      <ContainersBrowser
        key={containerQueryToSearch(query)}
        query={query}
        firstPage={firstPage}
        hosts={hosts.items.map((host) => ({ id: host.id, name: host.name }))}
        groups={groups.map((group) => ({ id: group.id, name: group.name, colour: group.colour }))}
        outdated={updates ? [...containersWithUpdates(updates.items)] : []}
      />
    </>
  );
}
