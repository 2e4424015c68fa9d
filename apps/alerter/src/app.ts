import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { type Bus, publishOrgEvent, type Unsubscribe } from '@berth/bus';
import { crossTenantOrgsWithAutoUpdates, crossTenantOrgsWithDueAlertGroups } from '@berth/db/alerting';
import type { SecretKey } from '@berth/db/sql';
import { createPool, createSecretBox, secretKeyRing } from '@berth/db/sql';
import type pg from 'pg';
import { type AutoUpdatePassResult, runAutoUpdates } from './auto-updates/run-auto-updates.js';
import { type Clock, systemClock } from './clock.js';
import { evaluateOrg, type Transition } from './evaluation/evaluate-org.js';
import { LogMatchMemory } from './evaluation/log-matches.js';
import { HostQueue } from './events/host-queue.js';
import { subscribeOrgEvents } from './events/subscribe-org-events.js';
import type { AlerterLogger } from './logger.js';
import {
  type DeliveryResult,
  deliverClaimedAtBirth,
  deliverDueNotifications,
} from './notify/deliver-notifications.js';
import { type ClaimedAtBirth, type FlushedGroup, flushDueGroups } from './notify/flush-groups.js';
import { runClaimedPass } from './sharing/claimed-pass.js';
import { ReplicaSet, type ReplicaView } from './sharing/replica-set.js';

export type { AlerterLogger } from './logger.js';
export { jsonLogger } from './logger.js';
export type { AlerterSettingsEnv } from './settings-from-env.js';
export { alerterSettingsFromEnv } from './settings-from-env.js';
export type { ReplicaView } from './sharing/replica-set.js';

/**
 * The alerter's connections for evaluations: QUEUE_CONCURRENCY organisations' events at once,
 * one more for an urgent one, one for the periodic pass and the replica set.
 */
const QUEUE_CONCURRENCY = 3;
const POOL_SIZE = QUEUE_CONCURRENCY + 2;
/**
 * Connections of their own for flushes and deliveries, so a notification never waits for a
 * connection behind evaluations (three organisations' and a periodic pass's took all four).
 */
const DELIVERY_POOL_SIZE = 3;

export type AlerterSettings = {
  /** The periodic pass (for elapsed, no data, offline, outdated, log patterns). */
  passMs: number;
  /** Group flushes and delivery rounds. */
  deliveryMs: number;
  /**
   * An organisation's event evaluations start at most this often unless an event is urgent
   * (events/host-queue.ts); 0 (the default): as soon as the previous one ended.
   */
  eventWindowMs?: number;
  /** Log each firing's and delivery's stages (ALERTER_TRACE_STAGES, bench:alerts). */
  traceStages?: boolean;
  /**
   * How long a claim holds when its replica dies without giving it back: a delivery, an
   * organisation's periodic pass, the replica's heartbeat (renewed every third of it).
   */
  leaseMs: number;
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
  /** Timers off: tests call pass(), flush(), deliver() and heartbeat() themselves. */
  timers?: boolean;
  /** Tests: what each replica took of the work. */
  probe?: AlerterProbe;
  /**
   * Flush a notification due at once in its transition's transaction (enqueue-notification.ts);
   * default: with timers (tests without timers flush themselves unless they set it).
   */
  flushInTransition?: boolean;
};

export type AlerterProbe = {
  /** Each host event received, and whether this replica evaluates it. */
  hostEvent?(orgId: string, hostId: string, taken: boolean): void;
  /** Before each evaluation of the pass or of events (awaited: a test may hold it). */
  evaluating?(orgId: string, hostIds: string[] | null, cause: 'pass' | 'event'): void | Promise<void>;
};

export type Alerter = {
  pool: pg.Pool;
  /** This process's id among the replicas (random per start). */
  replicaId: string;
  /** Subscribes to the organisations' events and starts the timers. */
  start(): Promise<void>;
  /** Evaluates one organisation's rules on `hostIds` (null: all hosts) now. */
  evaluate(orgId: string, hostIds: string[] | null): Promise<Transition[]>;
  /**
   * The periodic pass: evaluates the organisations with rules whose pass is due and that no
   * other replica holds (each claimed for the lease), and sets their next one an interval on.
   */
  pass(): Promise<Transition[]>;
  /** Renews this replica in the live set and re-reads it (the timers: every third of the lease). */
  heartbeat(): Promise<ReplicaView>;
  /** Due groups → notifications, every organisation. */
  flush(): Promise<FlushedGroup[]>;
  /** One automatic-update step of every organisation that has them on (timers: every pass interval). */
  autoUpdates(): Promise<AutoUpdatePassResult[]>;
  /** One delivery round. */
  deliver(): Promise<DeliveryResult[]>;
  /** Resolves once the event-driven evaluations queued so far are done. */
  idle(): Promise<void>;
  /**
   * Stops the timers and waits for the work in flight; then leaves the replica set and gives
   * back its pass claims, unless `release: false` (tests: as a crash leaves them).
   */
  stop(options?: { release?: boolean }): Promise<void>;
};

/**
 * The alerter (docs/alerting-plan.md): evaluates rules when the gateway says a host's batch
 * committed and on a periodic pass, keeps alerts' state in PostgreSQL, and delivers each
 * notification once through an outbox. Any number may run: every transition, flush and
 * delivery claim is decided by one SQL statement. They share the work rather than repeat it:
 * the periodic pass is claimed per organisation, and each host's events are evaluated by the
 * one live replica its hash falls on (docs/decisions.md). Never listens on a port.
 */
export function buildAlerter(options: AlerterOptions): Alerter {
  const { bus, settings, log, probe } = options;
  const clock = options.clock ?? systemClock;
  const replicaId = randomUUID();
  const pool = createPool(options.databaseUrl, { max: POOL_SIZE, onConnectionError: () => undefined });
  const deliveryPool = createPool(options.databaseUrl, {
    max: DELIVERY_POOL_SIZE,
    onConnectionError: () => undefined,
  });
  const box = createSecretBox(
    secretKeyRing({ secretsKeys: settings.secretKeys, authSecret: settings.authSecret }),
  );
  const evaluationDeps = {
    pool,
    log,
    logMemory: new LogMatchMemory(),
    traceStages: settings.traceStages ?? false,
    ...((options.flushInTransition ?? options.timers !== false)
      ? {
          flushInTransition: {
            publicUrl: settings.publicUrl,
            // Written claimed by this process and sent the moment the transition commits.
            deliver: {
              leaseMs: settings.leaseMs,
              send: (claims: readonly ClaimedAtBirth[]) => sendAtOnce(claims),
            },
          },
        }
      : {}),
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
      // Without flushes in transitions, a notification may be due now (group_wait 0): flush
      // and deliver it without waiting for the next tick (the tick stays, for group_wait > 0,
      // retries and a missed kick). With them, the transition sent it itself (sendAtOnce).
      if (to !== 'pending') kickDelivery();
    },
  };
  const deliveryDeps = {
    pool: deliveryPool,
    box,
    log,
    maxAttempts: settings.maxAttempts,
    leaseMs: settings.leaseMs,
    traceStages: settings.traceStages ?? false,
    send: {
      transport: { timeoutMs: 10_000, allowPrivateTargets: settings.allowPrivateTargets },
      smtp: settings.smtp,
    },
  };
  const replicas = new ReplicaSet(pool, replicaId, settings.leaseMs);
  const queue = new HostQueue(
    async (orgId, hostIds, heardAt) => {
      await probe?.evaluating?.(orgId, hostIds, 'event');
      await evaluateOrg(evaluationDeps, orgId, hostIds, clock.now(), { heardAt });
    },
    (error, orgId) => log.error({ err: error, orgId }, 'evaluation failed'),
    QUEUE_CONCURRENCY,
    settings.eventWindowMs ?? 0,
  );
  const timers: NodeJS.Timeout[] = [];
  const inFlight = new Set<Promise<unknown>>();
  let unsubscribe: Unsubscribe | null = null;
  /** Off in tests without timers: they flush and deliver themselves. */
  let kicks = false;
  const kickDelivery = () => {
    if (kicks && !evaluationDeps.flushInTransition) runDelivery();
  };
  /** Notifications a transition wrote claimed (flush-groups.ts): sent now, tracked for stop(). */
  const sendAtOnce = (claims: readonly ClaimedAtBirth[]) => {
    void track(deliverClaimedAtBirth(deliveryDeps, claims, clock.now()));
  };
  let stopped = false;
  /** Work stop() waits for before it gives the replica's claims back and closes the pool. */
  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    const untrack = () => inFlight.delete(work);
    work.then(untrack, untrack);
    return work;
  };

  const evaluate = (orgId: string, hostIds: string[] | null) =>
    evaluateOrg(evaluationDeps, orgId, hostIds, clock.now());
  const passDeps = { pool, log, replicaId, leaseMs: settings.leaseMs, passMs: settings.passMs };
  const pass = () =>
    track(
      runClaimedPass(passDeps, clock.now(), async (orgId) => {
        await probe?.evaluating?.(orgId, null, 'pass');
        return evaluate(orgId, null);
      }),
    );
  const heartbeat = () => replicas.heartbeat(clock.now());
  const flushAll = async () => {
    const now = clock.now();
    const out: FlushedGroup[] = [];
    for (const orgId of await crossTenantOrgsWithDueAlertGroups(deliveryPool, now)) {
      out.push(...(await flushDueGroups(deliveryPool, orgId, { now, publicUrl: settings.publicUrl })));
    }
    return out;
  };
  const flush = () => track(flushAll());
  const autoUpdateDeps = { pool, bus, log };
  const autoUpdatesAll = async () => {
    const now = clock.now();
    const out: AutoUpdatePassResult[] = [];
    for (const orgId of await crossTenantOrgsWithAutoUpdates(pool)) {
      out.push(
        await runAutoUpdates(autoUpdateDeps, orgId, now).catch((error: unknown) => {
          log.error({ err: error, orgId }, 'automatic updates failed');
          return { dispatched: [], finished: [] };
        }),
      );
    }
    return out;
  };
  const autoUpdates = () => track(autoUpdatesAll());
  const deliver = () => track(deliverDueNotifications(deliveryDeps, clock.now()));

  const touchHeartbeatFile = async () => {
    if (settings.heartbeatFile) await writeFile(settings.heartbeatFile, `${clock.now().toISOString()}\n`);
  };

  /** Flushes the due groups, then drains what is due now, a bounded number of rounds. */
  const deliveryRound = async () => {
    await flush();
    for (let round = 0; round < 10; round += 1) if ((await deliver()).length === 0) break;
  };
  let delivering = false;
  let deliverAgain = false;
  /**
   * Runs delivery rounds now, never two at once: asked while one runs, one more round follows
   * it (the transition that asked may have committed after that round's flush looked).
   */
  const runDelivery = () => {
    if (stopped) return;
    if (delivering) {
      deliverAgain = true;
      return;
    }
    delivering = true;
    void track(
      (async () => {
        try {
          do {
            deliverAgain = false;
            await deliveryRound();
            await touchHeartbeatFile();
          } while (deliverAgain && !stopped);
        } catch (error) {
          log.error({ err: error }, 'delivery failed');
        } finally {
          delivering = false;
        }
      })(),
    );
  };

  /**
   * A timer that never overlaps itself and logs (never throws) what failed; `touch`: a
   * successful run shows the process alive to health checks.
   */
  const every = (ms: number, name: string, run: () => Promise<unknown>, touch = true) => {
    let busy = false;
    const timer = setInterval(() => {
      if (busy || stopped) return;
      busy = true;
      void track(
        run()
          .then(() => (touch ? touchHeartbeatFile() : undefined))
          .catch((error: unknown) => log.error({ err: error }, `${name} failed`))
          .finally(() => {
            busy = false;
          }),
      );
    }, ms);
    timers.push(timer);
  };

  return {
    pool,
    replicaId,
    async start() {
      // Joined before the first event arrives; failing that, alone (every host) until a
      // heartbeat gets through.
      await heartbeat().catch((error: unknown) => log.error({ err: error }, 'replica heartbeat failed'));
      unsubscribe = await subscribeOrgEvents(bus, (orgId, hostId, urgent) => {
        const taken = replicas.owns(hostId);
        probe?.hostEvent?.(orgId, hostId, taken);
        if (taken) queue.add(orgId, hostId, urgent);
      });
      await touchHeartbeatFile();
      if (options.timers === false) return;
      every(settings.leaseMs / 3, 'replica heartbeat', heartbeat, false);
      every(settings.passMs, 'periodic pass', pass);
      every(settings.passMs, 'automatic updates', autoUpdates, false);
      const tick = setInterval(() => {
        if (!delivering) runDelivery();
      }, settings.deliveryMs);
      timers.push(tick);
      kicks = true;
    },
    evaluate,
    pass,
    heartbeat,
    flush,
    autoUpdates,
    deliver,
    idle: () => queue.idle(),
    async stop(stopOptions = {}) {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await unsubscribe?.();
      await queue.idle();
      log.info(queue.started, 'event evaluations');
      // Settled, not all fulfilled: a failed run was logged (timers) or thrown to its caller.
      // Until none is left: a pass ending now may still hand its notifications to sendAtOnce.
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      if (stopOptions.release !== false) {
        await replicas
          .leave()
          .catch((error: unknown) => log.error({ err: error }, 'leaving the replica set failed'));
      }
      await pool.end();
      await deliveryPool.end();
    },
  };
}
