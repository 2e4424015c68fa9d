import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { auth } from '@/auth';
import { Button } from '@/components/ui/button';
import { getOidcSettings } from '@/env';
import { safeCallbackUrl } from '@/lib/auth/safe-callback-url';
import styles from '../auth.module.css';
import { SignInForm } from './sign-in-form';
import { signInWithOidcAction } from './sign-in-with-oidc';

export const metadata: Metadata = { title: 'Sign in' };

/** Auth.js's `?error=` values (from redirects) in words. */
const ERRORS: Record<string, string> = {
  // Thrown by the OIDC sign-in when the provider does not vouch for the e-mail (session-callbacks.ts).
  AccessDenied:
    'Your identity provider did not confirm your e-mail address as verified, so Berth cannot sign you in with it. Verify the address with your provider, or ask your administrator.',
  OAuthCallbackError: 'Single sign-on did not complete. Try again.',
  SessionExpired: 'Your session ended. Sign in again.',
  Configuration: 'Sign-in is misconfigured on the server. Ask your administrator to check the logs.',
};

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const errorKey = typeof params.error === 'string' ? params.error : undefined;
  // A session the API no longer accepts still decodes here: stay on the page so it can be replaced.
  if (!errorKey && (await auth())) redirect(callbackUrl);
  const oidc = getOidcSettings();
  const notice = errorKey ? (ERRORS[errorKey] ?? 'Sign-in failed. Try again.') : undefined;
  const trusted = params.notice === 'trusted';
  return (
    <>
      <section className={styles.card} aria-labelledby="sign-in-title">
        <div className={styles.heading}>
          <h1 id="sign-in-title" className={styles.title}>
            Sign in to Berth
          </h1>
          <p className={styles.subtitle}>Monitor and control your Docker hosts.</p>
        </div>
        {oidc ? (
          <>
            <form action={signInWithOidcAction}>
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <Button type="submit" block>
                Continue with {oidc.name}
              </Button>
            </form>
            <div className={styles.divider}>or with email</div>
          </>
        ) : null}
        <SignInForm
          callbackUrl={callbackUrl}
          notice={notice}
          {...(trusted
            ? { confirmation: 'This browser is now trusted for your account. Sign in with your password.' }
            : {})}
        />
      </section>
      <p className={styles.footer}>
        New to Berth? <Link href="/sign-up">Create an account</Link>
      </p>
    </>
  );
}
