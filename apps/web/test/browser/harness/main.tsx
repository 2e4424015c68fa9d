import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/app/globals.css';
import { TimeZoneProvider } from '@/components/ui/time-zone';
import { ChartPage } from './chart-page';
import { LogsPage } from './logs-page';

// The console's head script does this before paint; the harness takes the theme from the URL.
const params = new URLSearchParams(location.search);
const theme = params.get('theme') === 'dark' ? 'dark' : 'light';
document.documentElement.dataset.theme = theme;
document.documentElement.style.colorScheme = theme;

const page = params.get('page');
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <TimeZoneProvider initial="UTC">{page === 'logs' ? <LogsPage /> : <ChartPage />}</TimeZoneProvider>
    </StrictMode>,
  );
}
