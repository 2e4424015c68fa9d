import { type AutoUpdateRollout, type AutoUpdateSettings, localWallTime } from '@berth/api-contract';
import { formatDuration } from '@/lib/format/format-time';

const DAY_NAMES = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];
const WEEK = 10_080;

/** `130` → `02:10`. */
export function clockOf(minute: number): string {
  const m = ((minute % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** "Sundays 02:00–04:00 Europe/Berlin", "Every day 23:00–01:00 (next day) UTC", "Saturdays from 22:00 for 1 d 2 h …". */
export function describeWindow(
  settings: Pick<AutoUpdateSettings, 'timeZone' | 'weekdays' | 'startMinute' | 'durationMinutes'>,
): string {
  const sorted = [...settings.weekdays].sort((a, b) => a - b);
  const days =
    sorted.length === 7
      ? 'Every day'
      : sorted
          .map((day) => DAY_NAMES[day] ?? String(day))
          .join(', ')
          .replace(/, ([^,]*)$/, ' and $1');
  const start = clockOf(settings.startMinute);
  if (settings.durationMinutes >= 1440)
    return `${days} from ${start} for ${formatDuration(settings.durationMinutes * 60_000)} ${settings.timeZone}`;
  const end = settings.startMinute + settings.durationMinutes;
  return `${days} ${start}–${clockOf(end)}${end > 1440 ? ' (next day)' : ''} ${settings.timeZone}`;
}

/**
 * Whether the window is open at `now` and when it next changes, on the wall clock of its zone
 * (the minute of the week, as `muteWindowCovers` reckons it; a daylight-saving change inside
 * the wait can shift the answer by an hour).
 */
export function windowState(
  settings: Pick<AutoUpdateSettings, 'enabled' | 'timeZone' | 'weekdays' | 'startMinute' | 'durationMinutes'>,
  now: Date,
): string {
  if (!settings.enabled) return 'automatic updates are off';
  const local = localWallTime(now, settings.timeZone);
  const minuteOfWeek = local.weekday * 1440 + local.minute;
  const elapsed = settings.weekdays.map(
    (day) => (((minuteOfWeek - (day * 1440 + settings.startMinute)) % WEEK) + WEEK) % WEEK,
  );
  const open = elapsed.filter((e) => e < settings.durationMinutes);
  if (open.length > 0) {
    const left = Math.max(...open.map((e) => settings.durationMinutes - e));
    return `open now, closes in ${formatDuration(left * 60_000)}`;
  }
  const wait = Math.min(...elapsed.map((e) => (WEEK - e) % WEEK || WEEK));
  return `next opens in ${formatDuration(wait * 60_000)}`;
}

/** Containers updated / to update: the one in flight and a failed one are not done. */
export function rolloutProgress(
  rollout: Pick<AutoUpdateRollout, 'status' | 'currentActionId' | 'dispatched' | 'remaining'>,
): {
  done: number;
  total: number;
} {
  const unfinished =
    rollout.status === 'failed' || (rollout.status === 'running' && rollout.currentActionId !== null) ? 1 : 0;
  return {
    done: Math.max(0, rollout.dispatched.length - unfinished),
    total: rollout.dispatched.length + rollout.remaining,
  };
}

/** `sha256:0123456789ab…` → `0123456789ab`. */
export function shortDigest(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, 12);
}
