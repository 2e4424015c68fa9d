import type { Metadata } from 'next';
import styles from '../../auth.module.css';
import { UnlockSignInForm } from './unlock-sign-in-form';

// The link's secret is in the address: never send it on as a Referer.
export const metadata: Metadata = { title: 'Sign in from this browser', referrer: 'no-referrer' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Where the "sign-ins are being slowed down" e-mail links to. Opening the page changes
 * nothing (mail scanners fetch links); the button spends the one-time link and makes this
 * browser a known device of the account.
 */
export default async function UnlockSignInPage({ searchParams }: { searchParams: SearchParams }) {
  const { token } = await searchParams;
  return (
    <section className={styles.card} aria-labelledby="unlock-title">
      <div className={styles.heading}>
        <h1 id="unlock-title" className={styles.title}>
          Sign in from this browser
        </h1>
        <p className={styles.subtitle}>
          Your account is getting wrong passwords from places it has not been used from, so Berth slows down
          sign-ins from new browsers. This one-time link lets this browser in as one you trust.
        </p>
      </div>
      <UnlockSignInForm token={typeof token === 'string' ? token : ''} />
    </section>
  );
}
