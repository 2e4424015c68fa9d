import type { Trigger } from './plan-alert-agents.js';
import { FIRING_RULES, type TriggerKind } from './seed-alert-rules.js';
import type { Arrival } from './webhook-receiver.js';

/** A scheduled condition and the firing notification that told of it. */
export type Told = {
  trigger: Trigger;
  /** Epoch ms: the simulated agent got the 'committed' ack of the trigger's batch. */
  committedAt: number;
  /** Epoch ms: the alert's startsAt (fired_at: when the evaluation that fired it began). */
  firedAt: number;
  /** Epoch ms: the notification's arrival at the receiver. */
  arrivedAt: number;
  notificationId: string;
  /** The alert's id (from its console link in the message), for the alerter's stage trace. */
  alertId: string | null;
};

export type Matching = {
  told: Told[];
  /** Triggers no firing notification named (yet). */
  untold: Trigger[];
  /** Firing alerts in notifications that no trigger explains (should be none). */
  unexplained: number;
  firingMessages: number;
  resolvedMessages: number;
};

const KIND_OF_RULE = new Map(
  Object.entries(FIRING_RULES).map(([kind, rule]) => [rule.name, kind as TriggerKind]),
);

const keyOf = (rule: string, host: string, container: string | null) =>
  `${rule}\u0000${host}\u0000${container ?? ''}`;

/**
 * Pairs each firing alert that arrived with its trigger: same rule, host and container, the
 * latest trigger of that key whose batch had committed before the arrival and is not told yet
 * (a key fires again only after it cleared, so episodes of one key do not overlap).
 */
export function matchNotifications(
  triggers: readonly Trigger[],
  committedAt: ReadonlyMap<string, number>,
  arrivals: readonly Arrival[],
): Matching {
  const byKey = new Map<string, Trigger[]>();
  for (const trigger of triggers) {
    const key = keyOf(FIRING_RULES[trigger.kind].name, trigger.hostName, trigger.containerName);
    byKey.set(key, [...(byKey.get(key) ?? []), trigger]);
  }
  const told: Told[] = [];
  const toldSet = new Set<Trigger>();
  let unexplained = 0;
  let firingMessages = 0;
  let resolvedMessages = 0;
  for (const arrival of [...arrivals].sort((a, b) => a.at - b.at)) {
    if (arrival.status === 'firing') firingMessages += 1;
    else resolvedMessages += 1;
    for (const alert of arrival.alerts) {
      if (alert.status !== 'firing') continue;
      const rule = alert.labels.rule ?? '';
      if (!KIND_OF_RULE.has(rule)) {
        unexplained += 1;
        continue;
      }
      const ofKey = byKey.get(keyOf(rule, alert.labels.host ?? '', alert.labels.container ?? null));
      if (!ofKey) {
        unexplained += 1;
        continue;
      }
      const candidates = ofKey
        .filter(
          (t) => !toldSet.has(t) && (committedAt.get(commitKey(t.hostId, t.seq)) ?? Infinity) <= arrival.at,
        )
        .sort((a, b) => b.seq - a.seq);
      const trigger = candidates[0];
      if (!trigger) {
        // A notification listing an alert already told (its group re-sent) is not news.
        continue;
      }
      toldSet.add(trigger);
      told.push({
        trigger,
        committedAt: committedAt.get(commitKey(trigger.hostId, trigger.seq)) ?? Number.NaN,
        firedAt: Date.parse(alert.startsAt),
        arrivedAt: arrival.at,
        notificationId: arrival.id,
        alertId: alert.alertId ?? null,
      });
    }
  }
  return {
    told,
    untold: triggers.filter((t) => !toldSet.has(t)),
    unexplained,
    firingMessages,
    resolvedMessages,
  };
}

export const commitKey = (hostId: string, seq: number) => `${hostId}:${seq}`;
