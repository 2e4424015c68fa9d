import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { HostAlertsBadge } from '@/components/alerts/host-alerts-badge';
import { HostCharts } from '@/components/host/host-charts';
import { HostContainers } from '@/components/host/host-containers';
import { HostFacts } from '@/components/host/host-facts';
import { UpdateAgent } from '@/components/host/update-agent';
import layout from '@/components/ui/layout.module.css';
import { PageHeader } from '@/components/ui/page-header';
import { ApiError } from '@/lib/api/api-error';
import { listContainers } from '@/lib/api/containers';
import { getHost } from '@/lib/api/hosts';
import { listImageUpdates } from '@/lib/api/image-updates';
import { readAllPages } from '@/lib/api/pagination';
import { getServerApi } from '@/lib/api/server-api';
import { containersWithUpdates } from '@/lib/fleet/image-update-rows';
import { loadMe } from '../../load-me';

export const metadata: Metadata = { title: 'Host' };

export default async function HostPage({ params }: { params: Promise<{ hostId: string }> }) {
  const { hostId } = await params;
  const api = await getServerApi();
  const [host, containers, me, updates] = await Promise.all([
    getHost(api, hostId).catch((error: unknown) => {
      if (error instanceof ApiError && (error.status === 404 || error.status === 400)) notFound();
      throw error;
    }),
    readAllPages(
      (cursor) => listContainers(api, { hostId, cursor: cursor ?? undefined }),
      Number.POSITIVE_INFINITY,
    ).catch(() => []),
    loadMe(),
    listImageUpdates(api).catch(() => null),
  ]);
  return (
    <>
      <PageHeader
        title={host.name}
        description={host.hostname !== host.name ? host.hostname : undefined}
        badge={<HostAlertsBadge hostId={host.id} hostName={host.name} />}
      />
      <HostFacts host={host} />
      <UpdateAgent host={host} role={me.org?.role ?? null} />
      <HostCharts hostId={host.id} hostName={host.name} />
      <h2 className={layout.sectionTitle}>Containers</h2>
      <HostContainers
        hostId={host.id}
        hostName={host.name}
        initial={containers}
        outdated={updates ? [...containersWithUpdates(updates.items)] : []}
      />
    </>
  );
}
