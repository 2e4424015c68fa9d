import type { ReactNode } from 'react';
import { PageHeader } from '@/components/ui/page-header';

/** The title is outside the page's loading boundary: it paints at once, the data streams in below it. */
export default function FleetLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <PageHeader title="Fleet" description="Every host of this organisation, live" />
      {children}
    </>
  );
}
