import Link from 'next/link';
import {
  describeEndReason,
  execSessionDurationMs,
  formatCommand,
} from '@/components/exec/describe-exec-session';
import { DataTable } from '@/components/ui/data-table';
import table from '@/components/ui/data-table.module.css';
import { ToneBadge } from '@/components/ui/status-badge';
import { Time } from '@/components/ui/time';
import { containerHref } from '@/lib/api/containers';
import { type ExecSession, execTranscriptHref } from '@/lib/api/exec-sessions';
import { formatBytes } from '@/lib/format/format-number';
import { formatDuration } from '@/lib/format/format-time';

type ExecSessionsTableProps = {
  sessions: ExecSession[];
  hostNames: Record<string, string>;
  /** Server time of the render, for the duration of sessions still open. */
  now: number;
};

const STATUS_TONE = { pending: 'info', open: 'ok', ended: 'neutral' } as const;

/** Every terminal opened in the org: who, where, what, when, how much, why it ended, its transcript. */
export function ExecSessionsTable({ sessions, hostNames, now }: ExecSessionsTableProps) {
  return (
    <DataTable
      caption="Exec sessions"
      columns={['Who', 'Container', 'Command', 'Started', 'Ended', 'Duration', 'In / out', 'Outcome']}
      hiddenColumn="Transcript"
      align="top"
    >
      {sessions.map((session) => {
        const duration = execSessionDurationMs(session, now);
        const hostName = hostNames[session.hostId] ?? 'a deleted host';
        return (
          <tr key={session.id} data-testid="exec-session-row">
            <td>{session.userEmail || 'a former member'}</td>
            <td>
              <Link
                className={table.primary}
                href={containerHref({ hostId: session.hostId, containerId: session.containerId })}
              >
                {session.containerName || session.containerId}
              </Link>
              <span className={table.secondary}>{hostName}</span>
            </td>
            <td>
              <code>{formatCommand(session.command)}</code>
            </td>
            <td>
              <Time value={session.startedAt ?? session.createdAt} />
            </td>
            <td>{session.endedAt ? <Time value={session.endedAt} /> : '—'}</td>
            <td>{duration === null ? '—' : formatDuration(duration)}</td>
            <td>
              {formatBytes(session.bytesIn)} / {formatBytes(session.bytesOut)}
            </td>
            <td>
              <ToneBadge tone={STATUS_TONE[session.status]}>{session.status}</ToneBadge>
              <span className={table.secondary}>
                {describeEndReason(session)}
                {session.exitCode === null ? '' : ` Exit code ${session.exitCode}.`}
              </span>
            </td>
            <td className={table.actions}>
              {session.recorded && session.status === 'ended' ? (
                <a
                  href={execTranscriptHref(session.id)}
                  download
                  aria-label={`Download the transcript of session ${session.id}`}
                >
                  Transcript{session.transcriptTruncated ? ' (truncated)' : ''}
                </a>
              ) : null}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
