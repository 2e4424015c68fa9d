import { SquareTerminal } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { AdminOnly } from '@/components/settings/admin-only';
import { ExecSessionsTable } from '@/components/settings/exec-sessions-table';
import { ExecSettingsForm } from '@/components/settings/exec-settings-form';
import { hasRole } from '@/components/settings/role-gate';
import styles from '@/components/settings/settings.module.css';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Panel } from '@/components/ui/page-header';
import { getExecSettings, listExecSessions } from '@/lib/api/exec-sessions';
import { listManagedHosts } from '@/lib/api/host-admin';
import { getServerApi } from '@/lib/api/server-api';
import { loadMe } from '../../load-me';

export const metadata: Metadata = { title: 'Exec' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ExecSettingsPage({ searchParams }: { searchParams: SearchParams }) {
  const me = await loadMe();
  const role = me.org?.role ?? null;
  if (!hasRole(role, 'admin'))
    return <AdminOnly what="change the exec settings or read the exec session log" role={role} />;
  const { cursor } = await searchParams;
  const api = await getServerApi();
  const [settings, sessions, hosts] = await Promise.all([
    getExecSettings(api),
    listExecSessions(api, { cursor: typeof cursor === 'string' ? cursor : null }),
    listManagedHosts(api),
  ]);
  const hostNames = Object.fromEntries(hosts.map((host) => [host.id, host.name]));
  return (
    <div className={styles.stack}>
      <Panel title="Exec terminals">
        <p className={styles.muted}>
          A terminal opens only on hosts whose agent runs with <code>--allow-exec</code> (never in read-only
          mode). Every session is logged below; closing one ends its processes in the container.
        </p>
        <ExecSettingsForm settings={settings} />
      </Panel>
      <section aria-labelledby="exec-sessions-title">
        <div className={styles.sectionHead}>
          <h2 id="exec-sessions-title" className={styles.sectionTitle}>
            Exec sessions
          </h2>
          <p className={styles.muted}>
            Newest first: who opened which terminal, what it moved and how it ended.
          </p>
        </div>
        {sessions.items.length === 0 ? (
          <EmptyState icon={<SquareTerminal size={20} />} title="No exec sessions yet">
            <p>Open a terminal from a running container&apos;s page (its Terminal tab).</p>
          </EmptyState>
        ) : (
          <ExecSessionsTable sessions={sessions.items} hostNames={hostNames} now={Date.now()} />
        )}
        <div className={styles.formActions}>
          {cursor ? (
            <Link className={buttonClass({})} href="/settings/exec">
              Newest
            </Link>
          ) : null}
          {sessions.nextCursor ? (
            <Link
              className={buttonClass({})}
              href={`/settings/exec?cursor=${encodeURIComponent(sessions.nextCursor)}`}
            >
              Older sessions
            </Link>
          ) : null}
        </div>
      </section>
    </div>
  );
}
