import type { Metadata } from 'next';
import { TableSkeleton } from '@/components/skeletons/page-skeletons';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Actions & audit' };

/** Layout of the page; its data arrives with the API's audit endpoints. */
export default function Page() {
  return (
    <>
      <PageHeader
        title="Actions & audit"
        description="Who did what, when: actions on containers and every change to the organisation"
      />
      <TableSkeleton />
    </>
  );
}
