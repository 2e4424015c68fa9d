import type { Metadata } from 'next';
import { auth } from '@/auth';
import { ActionButton } from '@/components/settings/action-button';
import { ChangePasswordForm } from '@/components/settings/change-password-form';
import { SessionsTable } from '@/components/settings/sessions-table';
import styles from '@/components/settings/settings.module.css';
import { Panel } from '@/components/ui/page-header';
import { listMySessions } from '@/lib/api/profile';
import { getServerApi } from '@/lib/api/server-api';
import { revokeOtherSessionsAction } from './revoke-other-sessions-action';

export const metadata: Metadata = { title: 'Profile' };

export default async function ProfilePage() {
  const [session, sessions] = await Promise.all([auth(), getServerApi().then(listMySessions)]);
  const others = sessions.filter((entry) => !entry.current).length;
  return (
    <div className={styles.stack}>
      <Panel title="Account">
        <p className={styles.muted}>
          Signed in as <strong>{session?.user?.email ?? 'unknown'}</strong>
          {session?.user?.name ? ` (${session.user.name})` : ''}.
        </p>
      </Panel>
      <Panel title="Change password">
        <ChangePasswordForm />
      </Panel>
      <section aria-labelledby="sessions-title">
        <div className={styles.sectionHead}>
          <h2 id="sessions-title" className={styles.sectionTitle}>
            Sessions
          </h2>
          {others > 0 ? (
            <ActionButton
              action={revokeOtherSessionsAction}
              fields={{}}
              label="Sign out other sessions"
              confirm={{
                title: 'Sign out every other session?',
                body: (
                  <p>Every browser signed in to your account except this one will have to sign in again.</p>
                ),
              }}
            />
          ) : null}
        </div>
        <SessionsTable sessions={sessions} />
      </section>
    </div>
  );
}
