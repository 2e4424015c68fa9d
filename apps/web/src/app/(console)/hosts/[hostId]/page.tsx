import type { Metadata } from 'next';
import { DetailSkeleton } from '@/components/skeletons/page-skeletons';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Host' };

/** Layout of the page; its data arrives with the API's fleet endpoints. */
export default async function Page({ params }: { params: Promise<{ hostId: string }> }) {
  await params;
  return (
    <>
      <PageHeader title="Host" description="CPU, memory, disk and load, and the containers running here" />
      <DetailSkeleton label="host" />
    </>
  );
}
