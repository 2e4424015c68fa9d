import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import styles from '@/components/host/host.module.css';
import { HostCharts } from '@/components/host/host-charts';
import { HostContainers } from '@/components/host/host-containers';
import { HostFacts } from '@/components/host/host-facts';
import { PageHeader } from '@/components/ui/page-header';
import { ApiError } from '@/lib/api/api-error';
import { getHost, listAll, listContainers } from '@/lib/api/fleet';
import { getServerApi } from '@/lib/api/server-api';

export const metadata: Metadata = { title: 'Host' };

export default async function HostPage({ params }: { params: Promise<{ hostId: string }> }) {
  const { hostId } = await params;
  const api = await getServerApi();
  const [host, containers] = await Promise.all([
    getHost(api, hostId).catch((error: unknown) => {
      if (error instanceof ApiError && (error.status === 404 || error.status === 400)) notFound();
      throw error;
    }),
    listAll((cursor) => listContainers(api, { hostId, cursor })).catch(() => []),
  ]);
  return (
    <>
      <PageHeader title={host.name} description={host.hostname !== host.name ? host.hostname : undefined} />
      <HostFacts host={host} />
      <HostCharts hostId={host.id} hostName={host.name} />
      <h2 className={styles.sectionTitle}>Containers</h2>
      <HostContainers hostId={host.id} hostName={host.name} initial={containers} />
    </>
  );
}
