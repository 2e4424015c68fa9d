import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/app/globals.css';
import { TimeZoneProvider } from '@/components/ui/time-zone';
import { ActionsPage } from './actions-page';
import { ChartPage } from './chart-page';
import { FleetPage } from './fleet-page';
import { LogsPage } from './logs-page';
import { MemoryPage } from './memory-page';

// The console's head script does this before paint; the harness takes the theme from the URL.
const params = new URLSearchParams(location.search);
const theme = params.get('theme') === 'dark' ? 'dark' : 'light';
document.documentElement.dataset.theme = theme;
document.documentElement.style.colorScheme = theme;

const page = params.get('page');
const PAGES: Record<string, React.ReactNode> = {
  logs: <LogsPage />,
  fleet: <FleetPage />,
  actions: <ActionsPage />,
  memory: <MemoryPage />,
};
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <TimeZoneProvider initial="UTC">{PAGES[page ?? ''] ?? <ChartPage />}</TimeZoneProvider>
    </StrictMode>,
  );
}
