import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SystemThemeSync } from '@/components/shell/system-theme-sync';
import { TimeZoneProvider } from '@/components/ui/time-zone';
import { requestTimeZone } from '@/lib/theme/request-time-zone';
import { THEME_SCRIPT } from '@/lib/theme/theme-script';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Berth', template: '%s · Berth' },
  description: 'Docker fleet monitoring and control',
  robots: { index: false, follow: false },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f6f7f9' },
    { media: '(prefers-color-scheme: dark)', color: '#0e1116' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const timeZone = await requestTimeZone();
  return (
    // The head script sets data-theme before React hydrates, so the attribute differs by design.
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant, no user input; must run before first paint */}
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body>
        <SystemThemeSync />
        <TimeZoneProvider initial={timeZone}>{children}</TimeZoneProvider>
      </body>
    </html>
  );
}
