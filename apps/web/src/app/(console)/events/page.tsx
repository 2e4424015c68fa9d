import type { Metadata } from 'next';
import { TableSkeleton } from '@/components/skeletons/page-skeletons';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Events' };

/** Layout of the page; its data arrives with the API's events endpoints. */
export default function Page() {
  return (
    <>
      <PageHeader
        title="Events"
        description="Starts, stops, restarts, health changes and OOM kills across the fleet"
      />
      <TableSkeleton />
    </>
  );
}
