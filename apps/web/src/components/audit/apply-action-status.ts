import { TERMINAL_ACTION_STATUSES } from '@berth/api-contract';
import type { ActionRecord, ActionStatus } from '@/lib/api/history';

const TERMINAL: ReadonlySet<ActionStatus> = new Set(TERMINAL_ACTION_STATUSES);
/** queued → sent → running → a terminal status: how far along each status is. */
const STEP: Record<ActionStatus, number> = {
  queued: 0,
  sent: 1,
  running: 2,
  succeeded: 3,
  failed: 3,
  timed_out: 3,
  rejected: 3,
};

export type ActionStatusUpdate = {
  actionId: string;
  status: ActionStatus;
  output: string | null;
  at: string;
};

/**
 * An `action.status` live event applied to the list: the row's status, output and the
 * timestamp of the step it reached. Returns null when the action is not in the list (a
 * newer one: the page offers to show it). Statuses only move forward: a late event (say
 * `queued` after `running`) is ignored, and a terminal status never changes.
 */
export function applyActionStatus(items: ActionRecord[], update: ActionStatusUpdate): ActionRecord[] | null {
  const index = items.findIndex((item) => item.id === update.actionId);
  const current = items[index];
  if (!current) return null;
  if (TERMINAL.has(current.status) || STEP[update.status] < STEP[current.status]) return items;
  const next: ActionRecord = { ...current, status: update.status, output: update.output ?? current.output };
  if (update.status === 'sent') next.sentAt ??= update.at;
  if (update.status === 'running') next.startedAt ??= update.at;
  if (TERMINAL.has(update.status)) {
    next.finishedAt ??= update.at;
    next.durationMs ??= Date.parse(next.finishedAt) - Date.parse(current.createdAt);
  }
  return items.map((item, at) => (at === index ? next : item));
}

/** queued/sent wait, running works, succeeded is good, the rest failed. */
export function actionTone(status: ActionStatus): 'ok' | 'warn' | 'danger' | 'info' {
  if (status === 'succeeded') return 'ok';
  if (status === 'running') return 'info';
  if (status === 'queued' || status === 'sent') return 'warn';
  return 'danger';
}
