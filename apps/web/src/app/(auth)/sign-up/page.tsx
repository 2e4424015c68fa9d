import type { Metadata } from 'next';
import Link from 'next/link';
import { safeCallbackUrl } from '@/lib/auth/safe-callback-url';
import styles from '../auth.module.css';
import { SignUpForm } from './sign-up-form';

export const metadata: Metadata = { title: 'Create account' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignUpPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const invite = /^\/invite\/([^/?#]+)$/.exec(callbackUrl);
  const inviteToken = invite?.[1] ? decodeURIComponent(invite[1]) : undefined;
  return (
    <>
      <section className={styles.card} aria-labelledby="sign-up-title">
        <div className={styles.heading}>
          <h1 id="sign-up-title" className={styles.title}>
            Create your account
          </h1>
          <p className={styles.subtitle}>
            {inviteToken
              ? 'You join the organisation that invited you.'
              : 'Connect your first host in a minute.'}
          </p>
        </div>
        <SignUpForm callbackUrl={callbackUrl} inviteToken={inviteToken} />
      </section>
      <p className={styles.footer}>
        Already have an account?{' '}
        <Link href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign in</Link>
      </p>
    </>
  );
}
