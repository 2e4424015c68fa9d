import type { Metadata } from 'next';
import { DetailSkeleton } from '@/components/skeletons/page-skeletons';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Container' };

/** Layout of the page; its data arrives with the API's fleet endpoints. */
export default async function Page({ params }: { params: Promise<{ containerId: string }> }) {
  await params;
  return (
    <>
      <PageHeader title="Container" description="Resource use, logs, events and actions" />
      <DetailSkeleton label="container" />
    </>
  );
}
