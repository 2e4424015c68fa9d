'use client';

import Link from 'next/link';
import { Button, buttonClass } from '@/components/ui/button';
import styles from './feedback.module.css';

type ErrorViewProps = {
  error: Error & { digest?: string };
  reset: () => void;
};

/**
 * Shown by the error boundaries. Server errors reach the browser without their message in
 * production (only a digest that matches the server log), so the text stays general.
 */
export function ErrorView({ error, reset }: ErrorViewProps) {
  const unreachable = error.name === 'ApiUnreachableError' || /unreachable/i.test(error.message);
  return (
    <div className={styles.wrap}>
      <div className={styles.box} role="alert">
        <span className={styles.code}>Error</span>
        <h1 className={styles.title}>
          {unreachable ? 'The Berth API is not answering' : 'Something went wrong'}
        </h1>
        <p className={styles.body}>
          {unreachable
            ? 'The console is up but cannot reach the API. It may be restarting; try again in a moment.'
            : 'This page failed to load. Trying again usually helps; if it keeps happening, the reference below helps your administrator find the cause in the logs.'}
        </p>
        {error.digest ? <span className={styles.digest}>Reference {error.digest}</span> : null}
        <div className={styles.actions}>
          <Button variant="primary" onClick={reset}>
            Try again
          </Button>
          <Link className={buttonClass({})} href="/fleet">
            Go to the fleet
          </Link>
        </div>
      </div>
    </div>
  );
}
