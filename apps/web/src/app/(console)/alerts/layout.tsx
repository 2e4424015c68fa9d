import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AlertsNav } from '@/components/alerts/alerts-nav';
import { RefreshOnAlertChange } from '@/components/alerts/refresh-on-alert-change';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: { default: 'Alerts', template: '%s · Alerts · Berth' } };

export default function AlertsLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <PageHeader
        title="Alerts"
        description="What needs attention now, the rules that decide it, and the silences and mute windows that keep it quiet"
      />
      <AlertsNav />
      <RefreshOnAlertChange />
      {children}
    </>
  );
}
