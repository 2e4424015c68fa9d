import { withOrgClient } from '@berth/db/sql';
import type pg from 'pg';
import type { AlerterLogger } from '../logger.js';
import { enqueueNotification } from '../notify/enqueue-notification.js';
import {
  type AlertRow,
  fireAlert,
  openAlert,
  openAlertsOfRule,
  resolveAlert,
  resolveAlertsOfDisabledRules,
  touchAlert,
} from './alert-transitions.js';
import type { EvaluationSettings, ScopedContainer } from './conditions/condition.js';
import { evaluateCondition } from './conditions/index.js';
import { type FleetObjects, loadObjects } from './load-objects.js';
import { loadRules, type Rule } from './load-rules.js';
import { containerInScope, hostInScope } from './match-scope.js';
import { fingerprintOf, type Observation } from './observation.js';

export type Transition = { orgId: string; alert: AlertRow; to: 'pending' | 'firing' | 'resolved' };

export type EvaluationDeps = {
  pool: pg.Pool;
  settings: EvaluationSettings;
  log: AlerterLogger;
  /** Called after each transition committed (publishes `alert.changed`). */
  onTransition(transition: Transition): Promise<void>;
};

/**
 * Evaluates the organisation's enabled rules on `hostIds` (null: every host) at `now` and
 * applies what changed. The desired state is recomputed from the database each time (the
 * readings the gateway committed), so two alerters looking at the same event reach the same
 * conclusion, and the transitions' SQL lets exactly one of them act on it. Each transition
 * is its own short transaction together with its notification.
 */
export async function evaluateOrg(
  deps: EvaluationDeps,
  orgId: string,
  hostIds: readonly string[] | null,
  now: Date,
): Promise<Transition[]> {
  const loaded = await withOrgClient(deps.pool, orgId, async (client) => {
    const { rules, skipped } = await loadRules(client);
    if (rules.length === 0) return { rules, skipped, objects: { hosts: [], containers: [] } };
    return { rules, skipped, objects: await loadObjects(client, hostIds) };
  });
  for (const rule of loaded.skipped)
    deps.log.warn({ orgId, ruleId: rule.id, reason: rule.reason }, 'rule skipped');
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
  for (const rule of loaded.rules) {
    try {
      transitions.push(...(await evaluateRule(deps, orgId, rule, loaded.objects, hostIds, now)));
    } catch (error) {
      // One rule failing (a regex PostgreSQL rejects) must not hold the others back.
      deps.log.error({ err: error, orgId, ruleId: rule.id }, 'rule evaluation failed');
    }
  }
  return transitions;
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

async function evaluateRule(
  deps: EvaluationDeps,
  orgId: string,
  rule: Rule,
  objects: FleetObjects,
  hostIds: readonly string[] | null,
  now: Date,
): Promise<Transition[]> {
  const { observations, open } = await withOrgClient(deps.pool, orgId, async (client) => ({
    observations: await evaluateCondition({
      client,
      rule,
      ...inScope(rule, objects),
      now,
      settings: deps.settings,
    }),
    open: await openAlertsOfRule(client, rule.id, hostIds),
  }));
  const openByFingerprint = new Map(open.map((alert) => [alert.fingerprint, alert]));
  const transitions: Transition[] = [];
  const seen = new Set<string>();
  for (const observation of observations) {
    const fingerprint = fingerprintOf(rule.id, observation.key);
    seen.add(fingerprint);
    const existing = openByFingerprint.get(fingerprint);
    const made = await withOrgClient(deps.pool, orgId, (client) =>
      holds(client, rule, orgId, fingerprint, observation, existing, now),
    );
    if (made) transitions.push(made);
  }
  for (const alert of open) {
    if (seen.has(alert.fingerprint) || alert.state === 'resolved') continue;
    const made = await withOrgClient(deps.pool, orgId, async (client) => {
      const resolved = await resolveAlert(
        client,
        alert.id,
        alert.state as 'pending' | 'firing',
        rule.keepFiringForS,
        now,
      );
      if (!resolved) return null;
      if (alert.state === 'firing') await enqueueNotification(client, rule, resolved, 'resolved', now);
      return { orgId, alert: resolved, to: 'resolved' as const };
    });
    if (made) transitions.push(made);
  }
  for (const transition of transitions) await deps.onTransition(transition);
  return transitions;
}

/** The condition holds for one object: open its alert, or keep it current and fire it when due. */
async function holds(
  client: pg.ClientBase,
  rule: Rule,
  orgId: string,
  fingerprint: string,
  observation: Observation,
  existing: AlertRow | undefined,
  now: Date,
): Promise<Transition | null> {
  if (!existing) {
    const firing = rule.forS === 0;
    const opened = await openAlert(client, {
      orgId,
      ruleId: rule.id,
      fingerprint,
      severity: rule.severity,
      firing,
      observation,
      now,
    });
    if (!opened) return null;
    if (firing) await enqueueNotification(client, rule, opened, 'firing', now);
    return { orgId, alert: opened, to: opened.state === 'firing' ? 'firing' : 'pending' };
  }
  await touchAlert(client, existing.id, observation, now);
  if (existing.state !== 'pending') return null;
  const fired = await fireAlert(client, existing.id, rule.forS, now);
  if (!fired) return null;
  await enqueueNotification(client, rule, fired, 'firing', now);
  return { orgId, alert: fired, to: 'firing' };
}
