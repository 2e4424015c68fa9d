import { z } from 'zod';
import { muteWindowCovers, ZTimeZoneSchema } from './alerts.js';
import { ZIsoDateSchema, ZUuidSchema } from './primitives.js';

/**
 * Automatic image updates (issue 17, docs/image-updates.md "Automatic updates"): when on, Berth
 * updates the containers whose update policy is `auto` (a rule or label opts them in; `allow`,
 * `warn` and `block` are left for a person) and that have an update available,
 * inside a weekly window in the organisation's time zone — the mute windows' recurrence
 * (weekdays the window starts on, a start minute after local midnight, a duration), checked by
 * the same `muteWindowCovers`. Per image reference one container at a time, the next only after
 * the previous succeeded; the first failure stops that reference's rollout.
 */
export const ZAutoUpdateSettingsSchema = z
  .object({
    enabled: z.boolean(),
    timeZone: ZTimeZoneSchema,
    /** 0 = Sunday … 6 = Saturday: the days the window starts on. */
    weekdays: z
      .array(z.int().min(0).max(6))
      .min(1)
      .max(7)
      .refine((days) => new Set(days).size === days.length, 'each weekday once'),
    /** Minutes after local midnight. */
    startMinute: z.int().min(0).max(1439),
    durationMinutes: z.int().min(1).max(10_080),
    /** How long each updated container may take to become healthy (and pass its Berth checks). */
    healthTimeoutS: z.int().min(5).max(1800).default(60),
  })
  .strict();
export type AutoUpdateSettings = z.infer<typeof ZAutoUpdateSettingsSchema>;
export type AutoUpdateSettingsInput = z.input<typeof ZAutoUpdateSettingsSchema>;

export const AUTO_UPDATE_ROLLOUT_STATUSES = ['running', 'succeeded', 'failed'] as const;

/** One image reference moving to one digest, container by container. */
export const ZAutoUpdateRolloutSchema = z.object({
  id: ZUuidSchema,
  image: z.string(),
  platform: z.string(),
  remoteDigest: z.string(),
  status: z.enum(AUTO_UPDATE_ROLLOUT_STATUSES),
  /** The update in flight, if any. */
  currentActionId: ZUuidSchema.nullable(),
  /** Containers dispatched so far, as `hostId/name`, in order. */
  dispatched: z.array(z.string()),
  /** `auto` containers of the reference still waiting after its last step (total = dispatched + remaining). */
  remaining: z.int().min(0),
  /** Where and why it stopped (status `failed`). */
  failedHostId: ZUuidSchema.nullable(),
  failedContainer: z.string().nullable(),
  failure: z.string().nullable(),
  createdAt: ZIsoDateSchema,
  finishedAt: ZIsoDateSchema.nullable(),
});
export type AutoUpdateRollout = z.infer<typeof ZAutoUpdateRolloutSchema>;

/** GET /api/v1/auto-updates: the settings (null: never set, so off) and the recent rollouts. */
export const ZAutoUpdatesViewSchema = z.object({
  settings: ZAutoUpdateSettingsSchema.nullable(),
  /** Whether the window is open now (false when off). */
  windowOpen: z.boolean(),
  rollouts: z.array(ZAutoUpdateRolloutSchema),
});
export type AutoUpdatesView = z.infer<typeof ZAutoUpdatesViewSchema>;

/** Whether automatic updates may run at `at`: on, and inside the window. */
export function autoUpdateWindowOpen(settings: AutoUpdateSettings | null, at: Date): boolean {
  return settings?.enabled === true && muteWindowCovers(settings, at);
}

/** The actor automatic updates are audited and requested as. */
export const AUTO_UPDATE_ACTOR = 'auto-update';
