'use client';

import { ListChecks } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { Fragment, useState } from 'react';
import styles from '@/components/events/history.module.css';
import { LoadMoreFooter } from '@/components/events/load-more-footer';
import { useLoadMore } from '@/components/events/use-load-more';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import table from '@/components/ui/data-table.module.css';
import { EmptyState } from '@/components/ui/empty-state';
import { ToneBadge } from '@/components/ui/status-badge';
import { Time } from '@/components/ui/time';
import { containerHref } from '@/lib/api/containers';
import type { ActionQuery, ActionRecord } from '@/lib/api/history';
import { useLiveEvents } from '@/lib/api/live-stream';
import type { Page } from '@/lib/api/pagination';
import { formatDuration } from '@/lib/format/format-time';
import { actionTone, applyActionStatus } from './apply-action-status';

export type ActorNames = { people: Record<string, string>; tokens: Record<string, string> };

type ActionsListProps = {
  query: ActionQuery;
  first: Page<ActionRecord>;
  filtered: boolean;
  hostNames: Record<string, string>;
  actors: ActorNames;
};

export function requesterOf(action: ActionRecord, actors: ActorNames): string {
  if (action.requestedByToken) return `API token ${actors.tokens[action.requestedByToken] ?? ''}`.trim();
  if (action.requestedBy) return actors.people[action.requestedBy] ?? 'A former member';
  return 'Berth';
}

/** Actions newest first; statuses change live; a row expands to its timings and output. */
export function ActionsList({ query, first, filtered, hostNames, actors }: ActionsListProps) {
  const list = useLoadMore('actions', query, first);
  const { items, setItems } = list;
  const [open, setOpen] = useState<string | null>(null);
  const [unseen, setUnseen] = useState(0);
  const router = useRouter();
  useLiveEvents((event) => {
    if (event.type === 'reset') return router.refresh();
    if (event.type !== 'action.status') return;
    // The handler is re-bound every render, so `items` is the list on screen.
    const next = applyActionStatus(items, event);
    if (next) setItems(() => next);
    else if (event.status === 'queued') setUnseen((count) => count + 1);
  });

  if (items.length === 0) {
    return (
      <EmptyState
        icon={<ListChecks size={20} />}
        title={filtered ? 'No actions match these filters' : 'No actions yet'}
      >
        <p>
          {filtered
            ? 'Clear a filter to see more.'
            : 'Start, stop, restart, pause or kill a container from its page (operators and above), and each request shows here with who asked, when it reached the host and what the host answered.'}
        </p>
      </EmptyState>
    );
  }
  return (
    <>
      {unseen > 0 ? (
        <div className={styles.liveNote} role="status">
          {unseen} new action{unseen === 1 ? '' : 's'} since this page loaded.
          <Button size="small" onClick={() => router.refresh()}>
            Show
          </Button>
        </div>
      ) : null}
      <DataTable
        caption="Actions, newest first"
        columns={['Requested', 'Action', 'Target', 'Status', 'Requested by', 'Took']}
        hiddenColumn="Details"
        align="top"
      >
        {items.map((action) => {
          const expanded = open === action.id;
          const hostName = hostNames[action.hostId] ?? 'Deleted host';
          return (
            <Fragment key={action.id}>
              <tr>
                <td className={table.nowrap}>
                  <Time value={action.createdAt} />
                </td>
                <td className={table.primary}>{action.verb}</td>
                <td>
                  {action.containerId ? (
                    <>
                      <Link
                        className={table.mono}
                        href={containerHref({ hostId: action.hostId, containerId: action.containerId })}
                      >
                        {action.containerId}
                      </Link>
                      <span className={table.secondary}>on {hostName}</span>
                    </>
                  ) : (
                    <Link href={`/hosts/${encodeURIComponent(action.hostId)}`}>{hostName}</Link>
                  )}
                </td>
                <td>
                  <ToneBadge tone={actionTone(action.status)}>{action.status.replace('_', ' ')}</ToneBadge>
                </td>
                <td>{requesterOf(action, actors)}</td>
                <td className={table.nowrap}>
                  {action.durationMs === null ? '—' : formatDuration(action.durationMs)}
                </td>
                <td>
                  <Button
                    size="small"
                    variant="ghost"
                    aria-expanded={expanded}
                    aria-controls={`action-${action.id}`}
                    onClick={() => setOpen(expanded ? null : action.id)}
                  >
                    {expanded ? 'Hide details' : 'Details'}
                  </Button>
                </td>
              </tr>
              {expanded ? (
                <tr className={table.expanded} id={`action-${action.id}`}>
                  <td colSpan={7}>
                    <ActionDetail action={action} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </DataTable>
      <LoadMoreFooter list={list} noun={['action', 'actions']} />
    </>
  );
}

function ActionDetail({ action }: { action: ActionRecord }) {
  const steps = [
    ['Queued', action.createdAt],
    ['Sent to agent', action.sentAt],
    ['Started', action.startedAt],
    ['Finished', action.finishedAt],
    ['Deadline', action.deadline],
  ] as const;
  const params = Object.entries(action.params);
  return (
    <div className={styles.detail}>
      <ol className={styles.timeline} aria-label="Timeline">
        {steps.map(([label, at]) => (
          <li key={label}>
            <span>{label}</span>
            {at ? <Time value={at} format="clock" /> : '—'}
          </li>
        ))}
      </ol>
      {params.length ? (
        <div className={table.mono}>
          {params.map(([key, value]) => `${key}=${JSON.stringify(value)}`).join(' ')}
        </div>
      ) : null}
      {action.output ? (
        <>
          <span className={table.secondary}>Output</span>
          <pre className={styles.output}>{action.output}</pre>
        </>
      ) : (
        <span className={table.secondary}>No output.</span>
      )}
    </div>
  );
}
