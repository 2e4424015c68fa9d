/**
 * A rule's alert life replayed over a stored condition history (the rule preview's "would have
 * fired N times in the last 24 h"). The rules are the alerter's transitions
 * (apps/alerter/src/evaluation/alert-transitions.ts), whose SQL WHERE clauses decide them there:
 *   - the condition starts to hold: a new alert, firing at once when `forS` is 0, else pending;
 *   - pending and still holding `forS` after it began (pending_since <= now - for): firing;
 *   - pending and no longer holding: resolved at once (it never fired, nobody was told);
 *   - firing and no longer holding: resolved once it has not held for `keepFiringForS`
 *     (last_true_at <= now - keep_firing_for); holding again before that keeps it firing.
 * The alerter evaluates on every batch and on its periodic pass, so the condition is replayed
 * as a step function evaluated continuously: each point says what holds from then on.
 */

/** From `at` (epoch ms) on, until the next point, the condition holds or not. */
export type ConditionStep = { at: number; holds: boolean };
export type AlertTiming = { forS: number; keepFiringForS: number };
/** One firing: when it fired and when it resolved (null: still firing at the window's end). */
export type ReplayedFiring = { firedAt: number; resolvedAt: number | null };

type State = { kind: 'none' } | { kind: 'pending'; since: number } | { kind: 'firing'; lastTrue: number };

/**
 * The firings of one object in [from, to): `steps` sorted by time (a step before `from` sets the
 * condition at `from`). What happened before `from` is not known: a condition holding when the
 * window opens counts as starting then.
 */
export function replayAlert(
  steps: readonly ConditionStep[],
  timing: AlertTiming,
  window: { from: number; to: number },
): ReplayedFiring[] {
  const forMs = timing.forS * 1000;
  const keepMs = timing.keepFiringForS * 1000;
  const firings: ReplayedFiring[] = [];
  let state: State = { kind: 'none' };
  const merged = mergeSteps(steps, window);
  for (let i = 0; i < merged.length; i++) {
    const step = merged[i] as ConditionStep;
    const end = merged[i + 1]?.at ?? window.to;
    if (step.holds) {
      if (state.kind === 'none')
        state = forMs === 0 ? fire(firings, step.at) : { kind: 'pending', since: step.at };
      // Due strictly inside the segment: at its end the next step is evaluated instead.
      if (state.kind === 'pending' && state.since + forMs < end) state = fire(firings, state.since + forMs);
      if (state.kind === 'firing') state = { kind: 'firing', lastTrue: end };
    } else if (state.kind === 'pending') {
      state = { kind: 'none' };
    } else if (state.kind === 'firing') {
      const resolveAt = Math.max(step.at, state.lastTrue + keepMs);
      if (resolveAt < end) {
        const last = firings[firings.length - 1];
        if (last) last.resolvedAt = resolveAt;
        state = { kind: 'none' };
      }
    }
  }
  return firings;
}

function fire(firings: ReplayedFiring[], at: number): State {
  firings.push({ firedAt: at, resolvedAt: null });
  return { kind: 'firing', lastTrue: at };
}

/** Steps inside the window, consecutive equal ones merged; the condition at `from` from the last step before it. */
function mergeSteps(steps: readonly ConditionStep[], window: { from: number; to: number }): ConditionStep[] {
  const out: ConditionStep[] = [];
  for (const step of steps) {
    if (step.at >= window.to) break;
    const at = Math.max(step.at, window.from);
    const last = out[out.length - 1];
    if (last && last.at === at) {
      last.holds = step.holds;
      continue;
    }
    if (last && last.holds === step.holds) continue;
    out.push({ at, holds: step.holds });
  }
  // Re-merge: overwriting a step at `from` may have made it equal to its predecessor.
  return out.filter((step, i) => i === 0 || out[i - 1]?.holds !== step.holds);
}

/**
 * Readings at their times → steps: a reading holds until the next one, or until it is no
 * longer fresh (`staleMs` after it: the alerter's "no data", which is not a breach).
 */
export function stepsFromReadings(
  readings: readonly { at: number; holds: boolean }[],
  staleMs: number,
): ConditionStep[] {
  const steps: ConditionStep[] = [];
  for (let i = 0; i < readings.length; i++) {
    const reading = readings[i] as { at: number; holds: boolean };
    steps.push({ at: reading.at, holds: reading.holds });
    const next = readings[i + 1];
    if (!next || next.at - reading.at > staleMs) steps.push({ at: reading.at + staleMs, holds: false });
  }
  return steps;
}

/**
 * Events at their times → steps of "how many in the trailing window" against `holds(count)`:
 * the count changes when an event arrives and when it leaves the window (`windowMs` later; the
 * alerter counts ts > now − window, so at exactly that instant it has left).
 */
export function stepsFromWindowedCounts(
  events: readonly { at: number; count: number }[],
  windowMs: number,
  holds: (count: number) => boolean,
): ConditionStep[] {
  const changes = new Map<number, number>();
  for (const event of events) {
    changes.set(event.at, (changes.get(event.at) ?? 0) + event.count);
    changes.set(event.at + windowMs, (changes.get(event.at + windowMs) ?? 0) - event.count);
  }
  let count = 0;
  const steps: ConditionStep[] = [];
  for (const at of [...changes.keys()].sort((a, b) => a - b)) {
    count += changes.get(at) ?? 0;
    steps.push({ at, holds: holds(count) });
  }
  return steps;
}

/** The agent's batch interval as the samples show it: their median gap (null: fewer than two). */
export function medianGapMs(times: readonly number[]): number | null {
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) gaps.push((times[i] as number) - (times[i - 1] as number));
  if (gaps.length === 0) return null;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? null;
}
