import { EXEC_END_REASON_CODES, type ExecSession } from '@berth/api-contract';

/** Why it ended, in words: Berth's own codes (`api_restart`, …) explained, other reasons as given. */
export function describeEndReason(session: Pick<ExecSession, 'status' | 'endReason'>): string {
  if (session.status === 'pending') return 'Waiting for the terminal to connect';
  if (session.status === 'open') return 'Open';
  const reason = session.endReason ?? '';
  if (reason in EXEC_END_REASON_CODES)
    return sentence(EXEC_END_REASON_CODES[reason as keyof typeof EXEC_END_REASON_CODES]);
  return reason ? sentence(reason) : 'Ended';
}

/** How long the process ran: from its start to its end (or to `now` while open); null if it never started. */
export function execSessionDurationMs(
  session: Pick<ExecSession, 'startedAt' | 'endedAt'>,
  now: number,
): number | null {
  if (!session.startedAt) return null;
  const end = session.endedAt ? Date.parse(session.endedAt) : now;
  return Math.max(0, end - Date.parse(session.startedAt));
}

/** The argv as one would type it: arguments with spaces or quotes are quoted. */
export function formatCommand(command: readonly string[]): string {
  return command
    .map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}

function sentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
