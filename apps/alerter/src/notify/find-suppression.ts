import { type Matcher, matchesAll, muteWindowCovers, ZMatcherSchema } from '@berth/api-contract';
import { z } from 'zod';

export type Suppression = { silenceId: string } | { muteWindowId: string; muteWindowName: string };

const ZMatchersSchema = z.array(ZMatcherSchema);

function parseMatchers(value: unknown): Matcher[] | null {
  const parsed = ZMatchersSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

type MuteWindowRow = {
  id: string;
  name: string;
  matchers: unknown;
  severities: string[];
  time_zone: string;
  weekdays: number[];
  start_minute: number;
  duration_minutes: number;
};

/** What may suppress a notification now: active silences and enabled mute windows, in order. */
export type Suppressors = {
  silences: { id: string; matchers: unknown }[];
  windows: MuteWindowRow[];
};

/**
 * Select-list expressions for the organisation's `Suppressors` at `$<nowParam>` (jsonb each),
 * so the transaction that enqueues reads them in the statement it already makes.
 */
export function suppressorsSql(nowParam: number): string {
  return `(SELECT coalesce(jsonb_agg(jsonb_build_object('id', id, 'matchers', matchers) ORDER BY starts_at, id), '[]')
             FROM alert_silences WHERE starts_at <= $${nowParam} AND ends_at > $${nowParam}) AS silences,
          (SELECT coalesce(jsonb_agg(to_jsonb(w) ORDER BY w.name, w.id), '[]')
             FROM (SELECT id, name, matchers, severities, time_zone, weekdays, start_minute, duration_minutes
                     FROM alert_mute_windows WHERE enabled) w) AS windows`;
}

/**
 * What silences the alert now, if anything: an active silence whose matchers all hold on its
 * labels, or an enabled mute window covering `now` in its time zone for the alert's severity.
 * Stored matchers that no longer parse match nothing (they never silence by accident).
 */
export function suppressionOf(
  suppressors: Suppressors,
  alert: { labels: Record<string, string>; severity: string },
  now: Date,
): Suppression | null {
  for (const silence of suppressors.silences) {
    const matchers = parseMatchers(silence.matchers);
    if (matchers && matchesAll(matchers, alert.labels)) return { silenceId: silence.id };
  }
  for (const window of suppressors.windows) {
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
