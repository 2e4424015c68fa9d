import type { Metadata } from 'next';
import { SettingsSkeleton } from '@/components/skeletons/page-skeletons';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Settings' };

/** Layout of the page; its sections arrive with the API's organisation endpoints. */
export default function SettingsPage() {
  return (
    <>
      <PageHeader
        title="Settings"
        description="Organisation, members, teams, API and enrolment tokens, your account"
      />
      <SettingsSkeleton />
    </>
  );
}
