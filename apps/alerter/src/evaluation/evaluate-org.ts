import { withOrgClient } from '@berth/db/sql';
import type pg from 'pg';
import type { AlerterLogger } from '../logger.js';
import { enqueueNotifications, type NotifyItem } from '../notify/enqueue-notification.js';
import type { ClaimedAtBirth } from '../notify/flush-groups.js';
import {
  type AlertRow,
  applyTransitions,
  resolveAlertsOfDisabledRules,
  touchAlerts,
} from './alert-transitions.js';
import { type EvaluationSettings, freshSince, type ScopedContainer } from './conditions/condition.js';
import { evaluateCondition } from './conditions/index.js';
import type { FleetObjects } from './load-objects.js';
import type { Rule, SkippedRule } from './load-rules.js';
import type { LogMatchMemory } from './log-matches.js';
import { containerInScope, hostInScope } from './match-scope.js';
import { fingerprintOf, type Observation } from './observation.js';
import { readSnapshot } from './read-snapshot.js';
import { createReadings, type LogRule } from './readings.js';

export type Transition = { orgId: string; alert: AlertRow; to: 'pending' | 'firing' | 'resolved' };

export type EvaluationDeps = {
  pool: pg.Pool;
  settings: EvaluationSettings;
  log: AlerterLogger;
  /** The log lines already read, per host (log-matches.ts): one per process. */
  logMemory: LogMatchMemory;
  /** Called after each transition committed (publishes `alert.changed`). */
  onTransition(transition: Transition): Promise<void>;
  /** Log each firing's stages as a `stage` line (ALERTER_TRACE_STAGES, bench:alerts). */
  traceStages?: boolean;
  /**
   * Set: a notification due at once (group_wait 0) is flushed in the transition's own
   * transaction (enqueue-notification.ts), ready for a delivery round. With `deliver`, it is
   * written claimed by this process (for `leaseMs`) and handed to `deliver.send` as soon as
   * the transaction committed: no claim round stands between a firing and its message.
   * Unset (tests driving flushes themselves): it waits for a flush round.
   */
  flushInTransition?: {
    publicUrl: string;
    deliver?: { leaseMs: number; send(claims: readonly ClaimedAtBirth[]): void };
  };
};

/** For the stage trace: when each host of an event evaluation was first heard of (epoch ms). */
export type EvaluationTrace = { heardAt?: ReadonlyMap<string, number> };

/** What one rule's observations mean for its open alerts, decided in memory. */
type RulePlan = {
  rule: Rule;
  open: { fingerprint: string; observation: Observation }[];
  fire: AlertRow[];
  resolve: AlertRow[];
};

/**
 * Evaluates the organisation's enabled rules on `hostIds` (null: every host) at `now` and
 * applies what changed. The desired state is recomputed from the database each time (the
 * readings the gateway committed), so two alerters looking at the same event reach the same
 * conclusion, and the transitions' SQL lets exactly one of them act on it.
 *
 * One transaction reads everything the rules need (the rules, the objects, each kind of
 * reading once for all rules, the open alerts) and keeps the alerts that still hold current
 * in one statement; the conditions are evaluated in memory between. Then each rule's
 * transitions are one short transaction together with their notifications (applyPlan).
 */
export async function evaluateOrg(
  deps: EvaluationDeps,
  orgId: string,
  hostIds: readonly string[] | null,
  now: Date,
  trace: EvaluationTrace = {},
): Promise<Transition[]> {
  const { skipped, plans } = await withOrgClient(deps.pool, orgId, (client) =>
    planEvaluation(deps, client, orgId, hostIds, now),
  );
  const readAt = Date.now();
  const committed = deps.traceStages
    ? (transition: Transition) => {
        if (transition.to !== 'firing') return;
        const hostId = transition.alert.host_id;
        deps.log.info(
          {
            alertId: transition.alert.id,
            hostId,
            cause: hostIds === null ? 'pass' : 'event',
            heard: hostId ? (trace.heardAt?.get(hostId) ?? null) : null,
            started: now.getTime(),
            read: readAt,
            committed: Date.now(),
          },
          'stage',
        );
      }
    : undefined;
  for (const rule of skipped) deps.log.warn({ orgId, ruleId: rule.id, reason: rule.reason }, 'rule skipped');
  const transitions: Transition[] = [];
  if (hostIds === null) {
    // The full pass also closes what rules switched off since left open.
    const closed = await withOrgClient(deps.pool, orgId, (client) =>
      resolveAlertsOfDisabledRules(client, now),
    );
    for (const alert of closed) {
      const transition = { orgId, alert, to: 'resolved' as const };
      transitions.push(transition);
      await deps.onTransition(transition);
    }
  }
  // Two rules' transitions at a time: different rules never share an alert or a notification
  // group (the group key starts with the rule), so they take no lock the other waits for, and
  // the last rule's notification is not held behind every other rule's round trips.
  const queue = [...plans];
  const worker = async () => {
    for (let plan = queue.shift(); plan; plan = queue.shift()) {
      try {
        transitions.push(...(await applyPlan(deps, orgId, plan, now, committed)));
      } catch (error) {
        deps.log.error({ err: error, orgId, ruleId: plan.rule.id }, 'rule evaluation failed');
      }
    }
  };
  await Promise.all([worker(), worker()]);
  return transitions;
}

async function planEvaluation(
  deps: EvaluationDeps,
  client: pg.ClientBase,
  orgId: string,
  hostIds: readonly string[] | null,
  now: Date,
): Promise<{ skipped: SkippedRule[]; plans: RulePlan[] }> {
  const fresh = freshSince({ now, settings: deps.settings });
  const snapshot = await readSnapshot(client, hostIds, now, fresh);
  const { rules, skipped, objects } = snapshot;
  if (rules.length === 0) return { skipped, plans: [] };
  const scoped = rules.map((rule) => ({ rule, ...inScope(rule, objects) }));
  const logRules: LogRule[] = [];
  for (const rule of rules) {
    if (rule.definition.kind === 'log_pattern')
      logRules.push({ id: rule.id, params: rule.definition.params });
  }
  const readings = createReadings({
    client,
    hostIds: objects.hosts.map((host) => host.id),
    now,
    freshSince: fresh,
    orgId,
    logRules,
    logMemory: deps.logMemory,
    preloaded: snapshot,
  });
  const openByRule = new Map<string, AlertRow[]>();
  for (const alert of snapshot.openAlerts) {
    const list = openByRule.get(alert.rule_id);
    if (list) list.push(alert);
    else openByRule.set(alert.rule_id, [alert]);
  }
  const plans: RulePlan[] = [];
  const touches: { id: string; observation: Observation }[] = [];
  for (const { rule, hosts, containers } of scoped) {
    let observations: Observation[];
    try {
      observations = await evaluateCondition({
        rule,
        hosts,
        containers,
        readings,
        now,
        settings: deps.settings,
      });
    } catch (error) {
      // One rule failing (a regex PostgreSQL rejects) must not hold the others back.
      deps.log.error({ err: error, orgId, ruleId: rule.id }, 'rule evaluation failed');
      continue;
    }
    const open = openByRule.get(rule.id) ?? [];
    const openByFingerprint = new Map(open.map((alert) => [alert.fingerprint, alert]));
    const plan: RulePlan = { rule, open: [], fire: [], resolve: [] };
    const seen = new Set<string>();
    for (const observation of observations) {
      const fingerprint = fingerprintOf(rule.id, observation.key);
      seen.add(fingerprint);
      const existing = openByFingerprint.get(fingerprint);
      if (!existing) {
        plan.open.push({ fingerprint, observation });
        continue;
      }
      touches.push({ id: existing.id, observation });
      if (existing.state === 'pending') plan.fire.push(existing);
    }
    for (const alert of open) {
      if (!seen.has(alert.fingerprint) && alert.state !== 'resolved') plan.resolve.push(alert);
    }
    if (plan.open.length + plan.fire.length + plan.resolve.length > 0) plans.push(plan);
  }
  await touchAlerts(client, touches, now);
  return { skipped, plans };
}

function inScope(
  rule: Rule,
  objects: FleetObjects,
): { hosts: FleetObjects['hosts']; containers: ScopedContainer[] } {
  const hosts = objects.hosts.filter((host) => hostInScope(rule.scope, host));
  const byId = new Map(hosts.map((host) => [host.id, host]));
  const containers: ScopedContainer[] = [];
  for (const container of objects.containers) {
    const host = byId.get(container.hostId);
    if (host && containerInScope(rule.scope, host, container)) containers.push({ host, container });
  }
  return { hosts, containers };
}

/**
 * The plan's transitions in ONE transaction: one statement for all of them
 * (alert-transitions.ts) and the notifications they call for (enqueue-notification.ts), so a
 * rule's transitions of one evaluation cost the same few round trips however many alerts
 * change — before, each transition was its own transaction of ~14 statements. Rules are
 * applied two at a time (evaluateOrg), each committing on its own, so one rule's notification
 * never waits for another rule's transaction.
 */
async function applyPlan(
  deps: EvaluationDeps,
  orgId: string,
  plan: RulePlan,
  now: Date,
  committed?: (transition: Transition) => void,
): Promise<Transition[]> {
  const { rule } = plan;
  const wasFiring = new Set(
    plan.resolve.filter((alert) => alert.state === 'firing').map((alert) => alert.id),
  );
  const flush = deps.flushInTransition;
  const claimed: ClaimedAtBirth[] = [];
  const applied = await withOrgClient(deps.pool, orgId, async (client) => {
    const result = await applyTransitions(client, {
      orgId,
      rule,
      now,
      open: plan.open,
      fire: plan.fire.map((alert) => alert.id),
      resolve: plan.resolve.map((alert) => ({ id: alert.id, expected: alert.state as 'pending' | 'firing' })),
    });
    const notify: NotifyItem[] = [
      ...result.opened.filter((alert) => alert.state === 'firing'),
      ...result.fired,
    ].map((alert) => ({ alert, status: 'firing' as const }));
    for (const alert of result.resolved)
      if (wasFiring.has(alert.id)) notify.push({ alert, status: 'resolved' });
    await enqueueNotifications(
      client,
      rule,
      notify,
      now,
      flush && {
        publicUrl: flush.publicUrl,
        ...(flush.deliver ? { claim: { leaseMs: flush.deliver.leaseMs, claimed } } : {}),
      },
    );
    return result;
  });
  if (claimed.length > 0) flush?.deliver?.send(claimed);
  const transitions: Transition[] = [
    ...applied.opened.map((alert) => ({
      orgId,
      alert,
      to: alert.state === 'firing' ? ('firing' as const) : ('pending' as const),
    })),
    ...applied.fired.map((alert) => ({ orgId, alert, to: 'firing' as const })),
    ...applied.resolved.map((alert) => ({ orgId, alert, to: 'resolved' as const })),
  ];
  for (const transition of transitions) {
    committed?.(transition);
    await deps.onTransition(transition);
  }
  return transitions;
}
