import * as z from 'zod/mini';
import { durationMs, integer } from '../checks/check-label-values.js';

/** The label that turns auto-restart on for a container (docs/autoheal.md). */
export const AUTOHEAL_LABEL = 'berth.autoheal';

export type AutohealMode = 'on-failure' | 'unhealthy' | 'off';

export type AutohealPolicy = {
  mode: AutohealMode;
  /** Restarts allowed inside `windowMs`; one more failure is a crash loop and auto-restart gives up. */
  maxAttempts: number;
  windowMs: number;
  /** The first restart waits this long after the failure; each further one twice the previous. */
  backoffMs: number;
  backoffMaxMs: number;
};

export const DEFAULT_AUTOHEAL: Omit<AutohealPolicy, 'mode'> = {
  maxAttempts: 5,
  windowMs: 30 * 60_000,
  backoffMs: 10_000,
  backoffMaxMs: 5 * 60_000,
};

/** Each label's grammar; the key is the label's name after `berth.autoheal`. */
const FIELDS = {
  '': z.pipe(
    z.pipe(
      z.string(),
      z.transform((text) => text.trim().toLowerCase()),
    ),
    z.enum(['on-failure', 'unhealthy', 'off'], { error: 'expected on-failure, unhealthy or off' }),
  ),
  '.max_attempts': integer(1, 100),
  '.window': durationMs(1000, 24 * 3_600_000),
  // A second is the floor so tests can run the schedule quickly; nothing restarts in a tighter loop.
  '.backoff': durationMs(1000, 3_600_000),
  '.backoff_max': durationMs(1000, 24 * 3_600_000),
} as const;

export type AutohealLabels =
  | { ok: true; policy: AutohealPolicy }
  /** `label` is the full label name, so the report points at what to fix. */
  | { ok: false; label: string; error: string };

/**
 * Whether the labels name auto-restart at all: the label itself or one of its `.` settings.
 * Another label that merely starts the same (`berth.autohealer`) does not.
 */
export function hasAutohealLabel(
  labels: Readonly<Record<string, string>>,
  name: string = AUTOHEAL_LABEL,
): boolean {
  const settings = `${name}.`;
  return Object.keys(labels).some((key) => key === name || key.startsWith(settings));
}

/**
 * The container's auto-restart policy from its labels. No `berth.autoheal` label (or `off`)
 * is mode `off`. A label that does not parse disables auto-restart for the container and is
 * reported by name, never thrown: one bad label must not stop healing elsewhere.
 */
export function parseAutohealLabels(
  labels: Readonly<Record<string, string>>,
  name: string = AUTOHEAL_LABEL,
): AutohealLabels {
  const values: Partial<Record<keyof typeof FIELDS, unknown>> = {};
  for (const [suffix, schema] of Object.entries(FIELDS) as [keyof typeof FIELDS, z.ZodMiniType][]) {
    const label = `${name}${suffix}`;
    const text = labels[label];
    if (text === undefined) continue;
    const parsed = schema.safeParse(text);
    if (!parsed.success) {
      return { ok: false, label, error: parsed.error.issues[0]?.message ?? 'invalid value' };
    }
    values[suffix] = parsed.data;
  }
  const policy: AutohealPolicy = {
    mode: (values[''] as AutohealMode | undefined) ?? 'off',
    maxAttempts: (values['.max_attempts'] as number | undefined) ?? DEFAULT_AUTOHEAL.maxAttempts,
    windowMs: (values['.window'] as number | undefined) ?? DEFAULT_AUTOHEAL.windowMs,
    backoffMs: (values['.backoff'] as number | undefined) ?? DEFAULT_AUTOHEAL.backoffMs,
    backoffMaxMs: (values['.backoff_max'] as number | undefined) ?? DEFAULT_AUTOHEAL.backoffMaxMs,
  };
  if (policy.backoffMaxMs < policy.backoffMs) {
    return {
      ok: false,
      label: `${name}.backoff_max`,
      error: `must not be shorter than ${name}.backoff`,
    };
  }
  return { ok: true, policy };
}

/** The wait before restart number `attempt` (0 for the first): doubling, capped, no jitter. */
export function autohealDelayMs(policy: AutohealPolicy, attempt: number): number {
  return Math.min(policy.backoffMaxMs, policy.backoffMs * 2 ** Math.min(attempt, 30));
}
