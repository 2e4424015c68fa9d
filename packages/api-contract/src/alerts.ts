import { z } from 'zod';
import { RULE_KINDS, ZAlertSeveritySchema } from './alert-rules.js';
import { pageSchema } from './paging.js';
import { listParam, ZIsoDateSchema, ZIsoInstantSchema, ZUuidSchema } from './primitives.js';

/**
 * Alerts, their history, silences and mute windows (issue 15). An alert is one condition of
 * one rule on one object; its `labels` are what silences, mute windows and grouping match on
 * (always `rule`, `kind`, `severity`, plus `host`, `container` and `mount` where they apply).
 */

export const ALERT_STATES = ['pending', 'firing', 'resolved'] as const;
export const ZAlertStateSchema = z.enum(ALERT_STATES);
export type AlertState = z.infer<typeof ZAlertStateSchema>;

export const ZAlertSchema = z.object({
  id: ZUuidSchema,
  fingerprint: z.string(),
  state: ZAlertStateSchema,
  severity: ZAlertSeveritySchema,
  rule: z.object({ id: ZUuidSchema, name: z.string(), kind: z.enum(RULE_KINDS) }),
  host: z.object({ id: ZUuidSchema, name: z.string() }).nullable(),
  containerName: z.string().nullable(),
  containerId: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
  summary: z.string(),
  value: z.number().nullable(),
  pendingSince: ZIsoDateSchema,
  firedAt: ZIsoDateSchema.nullable(),
  resolvedAt: ZIsoDateSchema.nullable(),
  acknowledged: z
    .object({ by: z.string().nullable(), at: ZIsoDateSchema, comment: z.string().nullable() })
    .nullable(),
  /** The active silences matching it now (ids), empty when none. */
  silencedBy: z.array(ZUuidSchema),
  notifyCount: z.int(),
  lastNotifiedAt: ZIsoDateSchema.nullable(),
});
export type Alert = z.infer<typeof ZAlertSchema>;
export const ZAlertPageSchema = pageSchema(ZAlertSchema);

/** GET /api/v1/alerts: open (pending + firing) by default, newest first. */
export const ZAlertListQuerySchema = z.object({
  state: listParam(ALERT_STATES),
  severity: listParam(['info', 'warning', 'critical'] as const),
  ruleId: ZUuidSchema.optional(),
  hostId: ZUuidSchema.optional(),
  containerName: z.string().max(255).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(1000).optional(),
});
export type AlertListQuery = z.input<typeof ZAlertListQuerySchema>;

export const ZAlertParamsSchema = z.object({ alertId: ZUuidSchema });

/** POST /api/v1/alerts/:alertId/ack — cleared by the evaluator when the alert resolves. */
export const ZAlertAckSchema = z.object({ comment: z.string().trim().max(1000).optional() }).strict();

export const ALERT_EVENT_KINDS = [
  'pending',
  'firing',
  'resolved',
  'acknowledged',
  'unacknowledged',
  'notified',
  'suppressed',
] as const;
export const ZAlertEventSchema = z.object({
  id: z.string(),
  kind: z.enum(ALERT_EVENT_KINDS),
  at: ZIsoDateSchema,
  actor: z.string().nullable(),
  value: z.number().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AlertEvent = z.infer<typeof ZAlertEventSchema>;
export const ZAlertDetailSchema = ZAlertSchema.extend({ events: z.array(ZAlertEventSchema) });
export type AlertDetail = z.infer<typeof ZAlertDetailSchema>;

/** The bell: open alerts by state and severity. */
export const ZAlertCountsSchema = z.object({
  firing: z.int(),
  pending: z.int(),
  bySeverity: z.object({ info: z.int(), warning: z.int(), critical: z.int() }),
});
export type AlertCounts = z.infer<typeof ZAlertCountsSchema>;

/** Open alerts of one object: the badge's count and colour. */
export const ZOpenAlertTallySchema = z.object({
  firing: z.int(),
  pending: z.int(),
  /** The worst severity among its firing alerts, or among its pending ones while none fires. */
  worstSeverity: ZAlertSeveritySchema,
});
export type OpenAlertTally = z.infer<typeof ZOpenAlertTallySchema>;

/** GET /api/v1/alerts/counts/by-host: all visible hosts, or the one `hostId` names. */
export const ZAlertCountsByHostQuerySchema = z.object({ hostId: ZUuidSchema.optional() });

/**
 * The badges on the fleet, host and container pages in one read: per host with open alerts,
 * its tally (all its alerts) and the tallies of its containers (by container name). Hosts and
 * containers without open alerts are absent.
 */
export const ZAlertCountsByHostSchema = z.object({
  hosts: z.record(
    z.string(),
    ZOpenAlertTallySchema.extend({ containers: z.record(z.string(), ZOpenAlertTallySchema) }),
  ),
});
export type AlertCountsByHost = z.infer<typeof ZAlertCountsByHostSchema>;

// --- Matchers (silences and mute windows) -------------------------------------------------

export const MATCHER_OPS = ['=', '!=', '=~', '!~'] as const;
export const ZMatcherSchema = z
  .object({
    label: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a label name like host or container'),
    op: z.enum(MATCHER_OPS),
    value: z.string().max(1000),
  })
  .strict()
  .superRefine((matcher, ctx) => {
    if (matcher.op !== '=~' && matcher.op !== '!~') return;
    try {
      new RegExp(`^(?:${matcher.value})$`);
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `not a valid regular expression: ${(error as Error).message}`,
      });
    }
  });
export type Matcher = z.infer<typeof ZMatcherSchema>;

/**
 * Whether `labels` satisfy every matcher (Alertmanager's semantics: an absent label is the
 * empty string; regexes are anchored at both ends).
 */
export function matchesAll(matchers: readonly Matcher[], labels: Readonly<Record<string, string>>): boolean {
  return matchers.every((matcher) => matcherHolds(matcher, labels[matcher.label] ?? ''));
}

function matcherHolds(matcher: Matcher, value: string): boolean {
  switch (matcher.op) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return new RegExp(`^(?:${matcher.value})$`).test(value);
    case '!~':
      return !new RegExp(`^(?:${matcher.value})$`).test(value);
  }
}

// --- Silences -----------------------------------------------------------------------------

export const SILENCE_STATES = ['pending', 'active', 'expired'] as const;
export const ZSilenceSchema = z.object({
  id: ZUuidSchema,
  matchers: z.array(ZMatcherSchema),
  startsAt: ZIsoDateSchema,
  endsAt: ZIsoDateSchema,
  comment: z.string(),
  createdBy: z.string().nullable(),
  createdAt: ZIsoDateSchema,
  state: z.enum(SILENCE_STATES),
  /** Open alerts it silences now. */
  matching: z.int(),
});
export type Silence = z.infer<typeof ZSilenceSchema>;
export const ZSilencePageSchema = pageSchema(ZSilenceSchema);

/**
 * POST /api/v1/alert-silences. `fromAlertId` instead of matchers: the alert's rule and object
 * (one click from an alert). `durationS` or `endsAt`; `startsAt` defaults to now.
 */
export const ZNewSilenceSchema = z
  .object({
    matchers: z.array(ZMatcherSchema).min(1).max(20).optional(),
    fromAlertId: ZUuidSchema.optional(),
    startsAt: ZIsoInstantSchema.optional(),
    endsAt: ZIsoInstantSchema.optional(),
    durationS: z
      .int()
      .min(60)
      .max(366 * 86_400)
      .optional(),
    comment: z.string().trim().min(1, 'say why').max(1000),
  })
  .strict()
  .superRefine((silence, ctx) => {
    if ((silence.matchers === undefined) === (silence.fromAlertId === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['matchers'],
        message: 'give matchers or fromAlertId (one of them)',
      });
    }
    if ((silence.endsAt === undefined) === (silence.durationS === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'give endsAt or durationS (one of them)' });
    }
    if (
      silence.endsAt &&
      Date.parse(silence.endsAt) <= Date.parse(silence.startsAt ?? new Date().toISOString())
    ) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after the start' });
    }
  });
export type NewSilence = z.input<typeof ZNewSilenceSchema>;

export const ZSilenceParamsSchema = z.object({ silenceId: ZUuidSchema });
export const ZSilenceListQuerySchema = z.object({
  state: listParam(SILENCE_STATES),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(1000).optional(),
});

// --- Mute windows (maintenance, quiet hours) ----------------------------------------------

/** An IANA time zone the runtime knows (Intl answers for it). */
export const ZTimeZoneSchema = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as Europe/Berlin');

const ZMuteWindowShape = {
  name: z.string().trim().min(1, 'a name').max(100),
  kind: z.enum(['maintenance', 'quiet_hours']),
  matchers: z.array(ZMatcherSchema).max(20),
  severities: z.array(ZAlertSeveritySchema).min(1).max(3),
  timeZone: ZTimeZoneSchema,
  /** 0 = Sunday … 6 = Saturday: the days the window starts on. */
  weekdays: z.array(z.int().min(0).max(6)).min(1).max(7),
  /** Minutes after local midnight. */
  startMinute: z.int().min(0).max(1439),
  durationMinutes: z.int().min(1).max(10_080),
  enabled: z.boolean(),
};

export const ZMuteWindowSchema = z.object({
  id: ZUuidSchema,
  ...ZMuteWindowShape,
  /** Whether it mutes now, and when it next starts or ends. */
  activeNow: z.boolean(),
  createdAt: ZIsoDateSchema,
  updatedAt: ZIsoDateSchema,
});
export type MuteWindow = z.infer<typeof ZMuteWindowSchema>;
export const ZMuteWindowPageSchema = pageSchema(ZMuteWindowSchema);

export const ZNewMuteWindowSchema = z
  .object({
    name: ZMuteWindowShape.name,
    kind: ZMuteWindowShape.kind,
    matchers: ZMuteWindowShape.matchers.default([]),
    /** Quiet hours usually let critical through: default info + warning for them. */
    severities: ZMuteWindowShape.severities.optional(),
    timeZone: ZMuteWindowShape.timeZone,
    weekdays: ZMuteWindowShape.weekdays.default([0, 1, 2, 3, 4, 5, 6]),
    startMinute: ZMuteWindowShape.startMinute,
    durationMinutes: ZMuteWindowShape.durationMinutes,
    enabled: ZMuteWindowShape.enabled.default(true),
  })
  .strict()
  .transform((window) => ({
    ...window,
    severities:
      window.severities ??
      (window.kind === 'quiet_hours' ? ['info', 'warning'] : ['info', 'warning', 'critical']),
  }));
export type NewMuteWindow = z.input<typeof ZNewMuteWindowSchema>;

export const ZMuteWindowChangeSchema = z
  .object({
    name: ZMuteWindowShape.name.optional(),
    matchers: ZMuteWindowShape.matchers.optional(),
    severities: ZMuteWindowShape.severities.optional(),
    timeZone: ZMuteWindowShape.timeZone.optional(),
    weekdays: ZMuteWindowShape.weekdays.optional(),
    startMinute: ZMuteWindowShape.startMinute.optional(),
    durationMinutes: ZMuteWindowShape.durationMinutes.optional(),
    enabled: ZMuteWindowShape.enabled.optional(),
  })
  .strict()
  .refine((change) => Object.keys(change).length > 0, 'nothing to change');
export const ZMuteWindowParamsSchema = z.object({ windowId: ZUuidSchema });

/**
 * Whether a weekly window covers `at`: it started on one of its weekdays at `startMinute`
 * local time and has not yet run `durationMinutes` (a window may run past midnight and for
 * days; daylight-saving days are handled by computing local wall time of `at`).
 */
export function muteWindowCovers(
  window: Pick<MuteWindow, 'timeZone' | 'weekdays' | 'startMinute' | 'durationMinutes'>,
  at: Date,
): boolean {
  const local = localWallTime(at, window.timeZone);
  const minuteOfWeek = local.weekday * 1440 + local.minute;
  return window.weekdays.some((day) => {
    const start = day * 1440 + window.startMinute;
    const elapsed = (((minuteOfWeek - start) % 10_080) + 10_080) % 10_080;
    return elapsed < window.durationMinutes;
  });
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** Weekday (0 = Sunday) and minute of the day of `at` on the wall clock of `timeZone`. */
export function localWallTime(at: Date, timeZone: string): { weekday: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return { weekday: WEEKDAYS[get('weekday')] ?? 0, minute: Number(get('hour')) * 60 + Number(get('minute')) };
}
