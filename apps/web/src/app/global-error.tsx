'use client';

import { ErrorView } from '@/components/feedback/error-view';
import './globals.css';

/** Replaces the root layout when it fails itself, so it renders its own <html>. */
export default function GlobalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <html lang="en">
      <body>
        <ErrorView error={error} reset={reset} />
      </body>
    </html>
  );
}
