import type { Metadata } from 'next';
import Link from 'next/link';
import { auth } from '@/auth';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { Time } from '@/components/ui/time';
import { inspectInvite } from '@/lib/api/identity';
import { getAnonymousApi } from '@/lib/api/server-api';
import styles from '../../auth.module.css';
import { AcceptInviteForm } from './accept-invite-form';

export const metadata: Metadata = { title: 'Invitation' };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invite, session] = await Promise.all([
    getAnonymousApi().then((api) => inspectInvite(api, token)),
    auth(),
  ]);
  if (invite?.status !== 'pending') {
    return (
      <section className={styles.card} aria-labelledby="invite-title">
        <h1 id="invite-title" className={styles.title}>
          This invite is no longer valid
        </h1>
        <Alert tone="info">
          It was used, revoked or has expired. Ask the person who invited you for a new link.
        </Alert>
      </section>
    );
  }
  const here = `/invite/${encodeURIComponent(token)}`;
  return (
    <section className={styles.card} aria-labelledby="invite-title">
      <div className={styles.heading}>
        <h1 id="invite-title" className={styles.title}>
          Join {invite.orgName} on Berth
        </h1>
        <p className={styles.subtitle}>
          You were invited to help run this fleet as{' '}
          {invite.role === 'admin' || invite.role === 'operator' || invite.role === 'owner' ? 'an' : 'a'}{' '}
          {invite.role}.
        </p>
      </div>
      <dl className={styles.facts}>
        <dt>Invited</dt>
        <dd>{invite.email}</dd>
        <dt>Role</dt>
        <dd>{invite.role}</dd>
        <dt>Expires</dt>
        <dd>
          <Time value={invite.expiresAt} />
        </dd>
      </dl>
      {session ? (
        <AcceptInviteForm token={token} orgName={invite.orgName} />
      ) : (
        <div className={styles.form}>
          <Link
            className={buttonClass({ variant: 'primary', block: true })}
            href={`/sign-up?callbackUrl=${encodeURIComponent(here)}`}
          >
            Create an account to join
          </Link>
          <Link
            className={buttonClass({ block: true })}
            href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`}
          >
            I already have an account
          </Link>
        </div>
      )}
    </section>
  );
}
