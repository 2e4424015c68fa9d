'use client';

import { ScrollText } from 'lucide-react';
import Link from 'next/link';
import styles from '@/components/events/history.module.css';
import { LoadMoreFooter } from '@/components/events/load-more-footer';
import { useLoadMore } from '@/components/events/use-load-more';
import { describeUserAgent } from '@/components/settings/describe-user-agent';
import { EmptyState } from '@/components/ui/empty-state';
import { Time } from '@/components/ui/time';
import { containerHref } from '@/lib/api/fleet';
import type { AuditEntry, AuditQuery } from '@/lib/api/history';
import type { Page } from '@/lib/api/pagination';
import type { ActorNames } from './actions-list';
import { describeAuditAction, summarizeDetails } from './describe-audit';

type AuditListProps = {
  query: AuditQuery;
  first: Page<AuditEntry>;
  filtered: boolean;
  hostNames: Record<string, string>;
  actors: ActorNames;
};

function actorOf(entry: AuditEntry, actors: ActorNames): string {
  if (entry.actorTokenId) return `API token ${actors.tokens[entry.actorTokenId] ?? ''}`.trim();
  if (entry.actorUserId) return actors.people[entry.actorUserId] ?? 'A former member';
  return 'Berth';
}

/** The target as a name and link where the console has a page for it. */
function Target({
  entry,
  hostNames,
  actors,
}: { entry: AuditEntry } & Pick<AuditListProps, 'hostNames' | 'actors'>) {
  const id = entry.targetId;
  if (entry.targetType === 'container' && id?.includes('/')) {
    const [hostId = '', containerId = ''] = id.split('/');
    return (
      <>
        container{' '}
        <Link className={styles.mono} href={containerHref({ hostId, containerId })}>
          {containerId}
        </Link>
        <span className={styles.secondary}>on {hostNames[hostId] ?? 'a deleted host'}</span>
      </>
    );
  }
  if (entry.targetType === 'host' && id) {
    return (
      <>
        host <Link href={`/hosts/${encodeURIComponent(id)}`}>{hostNames[id] ?? id}</Link>
      </>
    );
  }
  const person = id ? actors.people[id] : undefined;
  return (
    <>
      {entry.targetType.replace('_', ' ')}
      {person ? ` ${person}` : id ? <span className={`${styles.secondary} ${styles.mono}`}>{id}</span> : null}
    </>
  );
}

export function AuditList({ query, first, filtered, hostNames, actors }: AuditListProps) {
  const { items, hasMore, pending, error, loadMore } = useLoadMore('audit', query, first);
  if (items.length === 0) {
    return (
      <EmptyState
        icon={<ScrollText size={20} />}
        title={filtered ? 'No entries match these filters' : 'Nothing audited yet'}
      >
        <p>
          {filtered
            ? 'Widen the time range or clear a filter.'
            : 'Every change to this organisation is recorded here with who made it, from where and when: container actions, members and roles, invites, tokens, hosts and sign-ins.'}
        </p>
      </EmptyState>
    );
  }
  return (
    <>
      <div className={styles.tableWrap}>
        <table className={styles.table}>
          <caption className="visually-hidden">Audit log, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Target</th>
              <th scope="col">From</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {items.map((entry) => (
              <tr key={entry.id}>
                <td className={styles.nowrap}>
                  <Time value={entry.createdAt} />
                </td>
                <td className={styles.primary}>{actorOf(entry, actors)}</td>
                <td>
                  {describeAuditAction(entry.action)}
                  <span className={`${styles.secondary} ${styles.mono}`}>{entry.action}</span>
                </td>
                <td>
                  <Target entry={entry} hostNames={hostNames} actors={actors} />
                </td>
                <td>
                  {entry.ip ?? '—'}
                  {entry.userAgent ? (
                    <span className={styles.secondary} title={entry.userAgent}>
                      {describeUserAgent(entry.userAgent)}
                    </span>
                  ) : null}
                </td>
                <td className={styles.secondary}>{summarizeDetails(entry.details) || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LoadMoreFooter
        shown={items.length}
        noun={items.length === 1 ? 'entry' : 'entries'}
        hasMore={hasMore}
        pending={pending}
        error={error}
        onLoadMore={loadMore}
      />
    </>
  );
}
