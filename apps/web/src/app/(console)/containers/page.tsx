import type { Metadata } from 'next';
import { TableSkeleton } from '@/components/skeletons/page-skeletons';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Containers' };

/** Layout of the page; its data arrives with the API's containers endpoints. */
export default function Page() {
  return (
    <>
      <PageHeader
        title="Containers"
        description="Every container on every host, with state, health and resource use"
      />
      <TableSkeleton />
    </>
  );
}
