'use client';

import { ScrollText } from 'lucide-react';
import Link from 'next/link';
import { LoadMoreFooter } from '@/components/events/load-more-footer';
import { useLoadMore } from '@/components/events/use-load-more';
import { describeUserAgent } from '@/components/settings/describe-user-agent';
import { DataTable } from '@/components/ui/data-table';
import table from '@/components/ui/data-table.module.css';
import { EmptyState } from '@/components/ui/empty-state';
import { Time } from '@/components/ui/time';
import { containerHref } from '@/lib/api/containers';
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
        <Link className={table.mono} href={containerHref({ hostId, containerId })}>
          {containerId}
        </Link>
        <span className={table.secondary}>on {hostNames[hostId] ?? 'a deleted host'}</span>
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
      {person ? ` ${person}` : id ? <span className={`${table.secondary} ${table.mono}`}>{id}</span> : null}
    </>
  );
}

export function AuditList({ query, first, filtered, hostNames, actors }: AuditListProps) {
  const list = useLoadMore('audit', query, first);
  const { items } = list;
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
      <DataTable
        caption="Audit log, newest first"
        columns={['When', 'Who', 'What', 'Target', 'From', 'Details']}
        align="top"
      >
        {items.map((entry) => (
          <tr key={entry.id}>
            <td className={table.nowrap}>
              <Time value={entry.createdAt} />
            </td>
            <td className={table.primary}>{actorOf(entry, actors)}</td>
            <td>
              {describeAuditAction(entry.action)}
              <span className={`${table.secondary} ${table.mono}`}>{entry.action}</span>
            </td>
            <td>
              <Target entry={entry} hostNames={hostNames} actors={actors} />
            </td>
            <td>
              {entry.ip ?? '—'}
              {entry.userAgent ? (
                <span className={table.secondary} title={entry.userAgent}>
                  {describeUserAgent(entry.userAgent)}
                </span>
              ) : null}
            </td>
            <td className={table.secondary}>{summarizeDetails(entry.details) || '—'}</td>
          </tr>
        ))}
      </DataTable>
      <LoadMoreFooter list={list} noun={['entry', 'entries']} />
    </>
  );
}
