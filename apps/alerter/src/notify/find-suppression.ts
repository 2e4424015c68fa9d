import { type Matcher, matchesAll, muteWindowCovers, ZMatcherSchema } from '@berth/api-contract';
import type pg from 'pg';
import { z } from 'zod';

export type Suppression = { silenceId: string } | { muteWindowId: string; muteWindowName: string };

const ZMatchersSchema = z.array(ZMatcherSchema);

function parseMatchers(value: unknown): Matcher[] | null {
  const parsed = ZMatchersSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * What silences the alert now, if anything: an active silence whose matchers all hold on its
 * labels, or an enabled mute window covering `now` in its time zone for the alert's severity.
 * Stored matchers that no longer parse match nothing (they never silence by accident).
 */
export async function findSuppression(
  client: pg.ClientBase,
  alert: { labels: Record<string, string>; severity: string },
  now: Date,
): Promise<Suppression | null> {
  const silences = await client.query<{ id: string; matchers: unknown }>(
    `SELECT id, matchers FROM alert_silences WHERE starts_at <= $1 AND ends_at > $1 ORDER BY starts_at, id`,
    [now],
  );
  for (const silence of silences.rows) {
    const matchers = parseMatchers(silence.matchers);
    if (matchers && matchesAll(matchers, alert.labels)) return { silenceId: silence.id };
  }
  const windows = await client.query<{
    id: string;
    name: string;
    matchers: unknown;
    severities: string[];
    time_zone: string;
    weekdays: number[];
    start_minute: number;
    duration_minutes: number;
  }>(
    `SELECT id, name, matchers, severities, time_zone, weekdays, start_minute, duration_minutes
       FROM alert_mute_windows WHERE enabled ORDER BY name, id`,
  );
  for (const window of windows.rows) {
    if (!window.severities.includes(alert.severity)) continue;
    const matchers = parseMatchers(window.matchers);
    if (!matchers || !matchesAll(matchers, alert.labels)) continue;
    const covers = safeCovers(window, now);
    if (covers) return { muteWindowId: window.id, muteWindowName: window.name };
  }
  return null;
}

function safeCovers(
  window: { time_zone: string; weekdays: number[]; start_minute: number; duration_minutes: number },
  now: Date,
): boolean {
  try {
    return muteWindowCovers(
      {
        timeZone: window.time_zone,
        weekdays: window.weekdays,
        startMinute: window.start_minute,
        durationMinutes: window.duration_minutes,
      },
      now,
    );
  } catch {
    // A time zone this runtime does not know: the window cannot be placed, so it mutes nothing.
    return false;
  }
}
