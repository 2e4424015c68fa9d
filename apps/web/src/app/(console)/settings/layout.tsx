import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SettingsNav } from '@/components/settings/settings-nav';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: { default: 'Settings', template: '%s · Settings · Berth' } };

export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <PageHeader
        title="Settings"
        description="Members, teams, tokens, hosts and notification channels of this organisation, and your own account"
      />
      <SettingsNav />
      {children}
    </>
  );
}
