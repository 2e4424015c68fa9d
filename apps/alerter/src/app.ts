import { writeFile } from 'node:fs/promises';
import { type Bus, publishOrgEvent, type Unsubscribe } from '@berth/bus';
import { crossTenantOrgsWithAlertRules, crossTenantOrgsWithDueAlertGroups } from '@berth/db/alerting';
import type { SecretKey } from '@berth/db/sql';
import { createPool, createSecretBox, secretKeyRing } from '@berth/db/sql';
import type pg from 'pg';
import { type Clock, systemClock } from './clock.js';
import { evaluateOrg, type Transition } from './evaluation/evaluate-org.js';
import { HostQueue } from './events/host-queue.js';
import { subscribeOrgEvents } from './events/subscribe-org-events.js';
import type { AlerterLogger } from './logger.js';
import { type DeliveryResult, deliverDueNotifications } from './notify/deliver-notifications.js';
import { type FlushedGroup, flushDueGroups } from './notify/flush-groups.js';

export type { AlerterLogger } from './logger.js';
export { jsonLogger } from './logger.js';
export type { AlerterSettingsEnv } from './settings-from-env.js';
export { alerterSettingsFromEnv } from './settings-from-env.js';

export type AlerterSettings = {
  /** The periodic pass (for elapsed, no data, offline, outdated, log patterns). */
  passMs: number;
  /** Group flushes and delivery rounds. */
  deliveryMs: number;
  maxAttempts: number;
  /** Touched after each successful pass and delivery round (health checks read its age). */
  heartbeatFile?: string | null;
  agentIntervalMs: number;
  shippedAgentVersion: string;
  publicUrl: string;
  allowPrivateTargets: boolean;
  smtp: { url: string; from: string } | null;
  secretKeys: readonly SecretKey[] | undefined;
  authSecret: string;
};

export type AlerterOptions = {
  databaseUrl: string;
  bus: Bus;
  settings: AlerterSettings;
  log: AlerterLogger;
  clock?: Clock;
  /** Timers off: tests call pass(), flush() and deliver() themselves. */
  timers?: boolean;
};

export type Alerter = {
  pool: pg.Pool;
  /** Subscribes to the organisations' events and starts the timers. */
  start(): Promise<void>;
  /** Evaluates one organisation's rules on `hostIds` (null: all hosts) now. */
  evaluate(orgId: string, hostIds: string[] | null): Promise<Transition[]>;
  /** The periodic pass over every organisation with rules. */
  pass(): Promise<Transition[]>;
  /** Due groups → notifications, every organisation. */
  flush(): Promise<FlushedGroup[]>;
  /** One delivery round. */
  deliver(): Promise<DeliveryResult[]>;
  /** Resolves once the event-driven evaluations queued so far are done. */
  idle(): Promise<void>;
  stop(): Promise<void>;
};

const LEASE_MS = 60_000;

/**
 * The alerter (docs/alerting-plan.md): evaluates rules when the gateway says a host's batch
 * committed and on a periodic pass, keeps alerts' state in PostgreSQL, and delivers each
 * notification once through an outbox. Any number may run: every transition, flush and
 * delivery claim is decided by one SQL statement. Never listens on a port.
 */
export function buildAlerter(options: AlerterOptions): Alerter {
  const { bus, settings, log } = options;
  const clock = options.clock ?? systemClock;
  const pool = createPool(options.databaseUrl, { max: 4, onConnectionError: () => undefined });
  const box = createSecretBox(
    secretKeyRing({ secretsKeys: settings.secretKeys, authSecret: settings.authSecret }),
  );
  const evaluationDeps = {
    pool,
    log,
    settings: {
      agentIntervalMs: settings.agentIntervalMs,
      shippedAgentVersion: settings.shippedAgentVersion,
    },
    onTransition: async ({ orgId, alert, to }: Transition) => {
      await publishOrgEvent(bus, orgId, {
        type: 'alert.changed',
        alertId: alert.id,
        ruleId: alert.rule_id,
        state: to,
        severity: alert.severity,
        acknowledged: to !== 'resolved' && alert.acked_at !== null,
        hostId: alert.host_id,
        summary: alert.summary,
        at: clock.now().toISOString(),
      }).catch((error: unknown) =>
        log.warn({ err: error, alertId: alert.id }, 'alert.changed not published'),
      );
    },
  };
  const deliveryDeps = {
    pool,
    box,
    log,
    maxAttempts: settings.maxAttempts,
    leaseMs: LEASE_MS,
    send: {
      transport: { timeoutMs: 10_000, allowPrivateTargets: settings.allowPrivateTargets },
      smtp: settings.smtp,
    },
  };
  const queue = new HostQueue(
    async (orgId, hostIds) => {
      await evaluateOrg(evaluationDeps, orgId, hostIds, clock.now());
    },
    (error, orgId) => log.error({ err: error, orgId }, 'evaluation failed'),
  );
  const timers: NodeJS.Timeout[] = [];
  let unsubscribe: Unsubscribe | null = null;
  let stopped = false;

  const evaluate = (orgId: string, hostIds: string[] | null) =>
    evaluateOrg(evaluationDeps, orgId, hostIds, clock.now());
  const pass = async () => {
    const out: Transition[] = [];
    for (const orgId of await crossTenantOrgsWithAlertRules(pool)) out.push(...(await evaluate(orgId, null)));
    return out;
  };
  const flush = async () => {
    const now = clock.now();
    const out: FlushedGroup[] = [];
    for (const orgId of await crossTenantOrgsWithDueAlertGroups(pool, now)) {
      out.push(...(await flushDueGroups(pool, orgId, { now, publicUrl: settings.publicUrl })));
    }
    return out;
  };
  const deliver = () => deliverDueNotifications(deliveryDeps, clock.now());

  const heartbeat = async () => {
    if (settings.heartbeatFile) await writeFile(settings.heartbeatFile, `${clock.now().toISOString()}\n`);
  };

  /** A timer that never overlaps itself and logs (never throws) what failed. */
  const every = (ms: number, name: string, run: () => Promise<unknown>) => {
    let busy = false;
    const timer = setInterval(() => {
      if (busy || stopped) return;
      busy = true;
      run()
        .then(heartbeat)
        .catch((error: unknown) => log.error({ err: error }, `${name} failed`))
        .finally(() => {
          busy = false;
        });
    }, ms);
    timers.push(timer);
  };

  return {
    pool,
    async start() {
      unsubscribe = await subscribeOrgEvents(bus, (orgId, hostId) => queue.add(orgId, hostId));
      await heartbeat();
      if (options.timers === false) return;
      every(settings.passMs, 'periodic pass', pass);
      every(settings.deliveryMs, 'delivery', async () => {
        await flush();
        // Drain what is due now, a bounded number of rounds per tick.
        for (let round = 0; round < 10; round += 1) if ((await deliver()).length === 0) break;
      });
    },
    evaluate,
    pass,
    flush,
    deliver,
    idle: () => queue.idle(),
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await unsubscribe?.();
      await queue.idle();
      await pool.end();
    },
  };
}
