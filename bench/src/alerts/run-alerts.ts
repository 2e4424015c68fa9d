/**
 * bench:alerts — the alerter against a fleet streaming through the gateway as in bench:ingest:
 * the lag from a batch's commit to the notification it causes arriving at a local webhook, and
 * what running the alerter costs the ingest (rows/s with it against without it, same
 * parameters, alternating order). Last line:
 * `bench alerts: containers=N rules=R lag_p50_ms=X lag_p99_ms=Y ingest_cost_pct=Z`.
 */

import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestDatabase } from '@berth/db/testing';
import { assertStored, countStoredRows } from '../ingest/count-stored-rows.js';
import { streamIngest } from '../ingest/stream-ingest.js';
import { createBenchDatabase, ownerQuery } from '../shared/bench-database.js';
import { printLogDigest } from '../shared/digest-gateway-log.js';
import { findFreePort } from '../shared/find-free-port.js';
import { insertHosts } from '../shared/insert-hosts.js';
import { percentile } from '../shared/percentile.js';
import { openCpuWindow } from '../shared/sample-cpu.js';
import { selectDatabaseServer } from '../shared/select-database-server.js';
import { type GatewayProcess, startGateway } from '../shared/start-gateway.js';
import { killChildren } from '../shared/track-children.js';
import { type AlertsOptions, readAlertsOptions } from './alerts-options.js';
import { emulateAutoAnalyze } from './emulate-autoanalyze.js';
import { commitKey, matchNotifications, type Told } from './match-notifications.js';
import { type AlertPlan, planAlertAgents, type Trigger } from './plan-alert-agents.js';
import { sampleActivity } from './sample-activity.js';
import { FIRING_RULES, seedAlertRules } from './seed-alert-rules.js';
import { type AlerterProcess, startAlerter } from './start-alerter.js';
import { type RedisProcess, startRedis } from './start-redis.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

/**
 * The agents' interval as the alerter assumes it (readings are fresh for three of them), as in
 * production. The gateway is told 600 s: its stale-host sweep would otherwise mark the silent
 * hosts offline while the bench waits for the last notifications.
 */
const ALERTER_AGENT_INTERVAL_S = 10;
const GATEWAY_AGENT_INTERVAL_S = 600;

/**
 * The lag's stages, from the alerter's `stage` lines (ALERTER_TRACE_STAGES) and the
 * notification row's created_at: the batch's ack → the alerter heard the host's event → its
 * evaluation began → the evaluation's read transaction ended → the transition (and, where the
 * alerter flushes in it, the notification row) committed → the notification row → a delivery
 * round claimed it → the receiver had it.
 */
const STAGES = [
  'ack → heard',
  'heard → started',
  'started → read',
  'read → committed',
  'committed → row',
  'row → claimed',
  'claimed → received',
] as const;
type Stage = (typeof STAGES)[number];

const options = readAlertsOptions();
const server = selectDatabaseServer();
const databases: TestDatabase[] = [];
let redis: RedisProcess | undefined;
let receiver: WebhookReceiver | undefined;
let gateway: GatewayProcess | undefined;
let alerter: AlerterProcess | undefined;

try {
  await main(options);
} catch (error) {
  console.error(`bench alerts FAILED: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
} finally {
  await alerter?.stop(5000).catch(() => {});
  await gateway?.stop(5000).catch(() => {});
  await receiver?.stop().catch(() => {});
  await redis?.stop().catch(() => {});
  killChildren();
  await Promise.allSettled(databases.map((database) => database.drop()));
}

type RunResult = {
  withAlerter: boolean;
  rows: number;
  seconds: number;
  cores: Record<string, number>;
  cpuPerRow: number;
  told: Told[];
  untold: Trigger[];
  triggers: number;
  /** Per told trigger: ms from the alert's fired_at to its notification row's created_at. */
  toFlush: number[];
  /** Per told trigger: ms from the notification row's created_at to its arrival. */
  toArrival: number[];
  loopDelayP99Ms: number;
  /** Per told trigger, ms spent in each stage of the alerter's trace (STAGES). */
  stages: Record<Stage, number[]>;
  /** Per told notification: its row's created_at (epoch ms). */
  createdAt: Map<string, number>;
};

async function main(opts: AlertsOptions): Promise<void> {
  console.log(
    `bench alerts: ${opts.hosts} hosts × ${opts.containers} containers in ${opts.orgs} orgs, ` +
      `${opts.batches} batches each, ${opts.rulesPerOrg} rules per org; every ${opts.triggerHostEvery}th host ` +
      `switches on four conditions from batch ${opts.firstTrigger}, one every ${opts.triggerEvery} batches ` +
      `(held to the end); alerter ALERTER_DELIVERY_INTERVAL_S=${opts.deliveryIntervalS} ` +
      `ALERTER_PASS_INTERVAL_S=${opts.passIntervalS} ` +
      `ALERTER_EVENT_WINDOW_MS=${opts.eventWindowMs}; ${opts.pairs} pair(s) of runs, without and with the ` +
      `alerter, alternating; ${server.engine}`,
  );
  redis = await startRedis();
  receiver = await startWebhookReceiver();
  const runs: RunResult[] = [];
  for (let pair = 0; pair < opts.pairs; pair += 1) {
    const order = pair % 2 === 0 ? [false, true] : [true, false];
    for (const withAlerter of order) runs.push(await runOnce(opts, withAlerter));
  }
  printResult(opts, runs);
}

async function runOnce(opts: AlertsOptions, withAlerter: boolean): Promise<RunResult> {
  if (!redis || !receiver) throw new Error('redis and the receiver start first');
  console.log(`run ${withAlerter ? 'WITH' : 'WITHOUT'} the alerter`);
  const database = await createBenchDatabase();
  databases.push(database);
  const hosts = await insertHosts(database.adminUrl, opts.orgs, opts.hosts);
  const planStarted = performance.now();
  const plan = planAlertAgents(hosts, opts);
  const orgIds = [...new Set(hosts.map((host) => host.orgId))];
  const seeded = await seedAlertRules(database.adminUrl, orgIds, opts.rulesPerOrg, receiver.url);
  console.log(
    `  planned ${plan.totalRows} rows in ${opts.hosts * opts.batches} batches, ${plan.triggers.length} ` +
      `scheduled conditions, ${seeded.rules} rules (${Object.entries(seeded.kinds)
        .map(([kind, n]) => `${kind} ${n}`)
        .join(', ')}) in ${((performance.now() - planStarted) / 1000).toFixed(1)} s`,
  );
  const port = await findFreePort();
  gateway = await startGateway({ port, databaseUrl: database.appUrl, env: gatewayEnv(opts, redis.url) });
  if (withAlerter) {
    alerter = await startAlerter({
      databaseUrl: database.appUrl,
      redisUrl: redis.url,
      deliveryIntervalS: opts.deliveryIntervalS,
      passIntervalS: opts.passIntervalS,
      eventWindowMs: opts.eventWindowMs,
      agentIntervalS: ALERTER_AGENT_INTERVAL_S,
    });
  }
  receiver.reset();
  const wanted = new Set(plan.triggers.map((t) => commitKey(t.hostId, t.seq)));
  const committedAt = new Map<string, number>();
  const activity = await sampleActivity(database.adminUrl);
  const analyzer = await emulateAutoAnalyze(database.adminUrl, opts.autoanalyzeS);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const stream = await streamIngest(plan, {
    url: `ws://127.0.0.1:${port}/agent/v1`,
    adminUrl: database.adminUrl,
    gatewayPid: gateway.pid,
    connectConcurrency: opts.connectConcurrency,
    progressMs: opts.progressMs,
    otherPids: {
      ...(alerter ? { alerter: [alerter.pid] } : {}),
      redis: [redis.pid],
      receiver: [receiver.pid],
    },
    onCommitted: (hostId, seq, at) => {
      const key = commitKey(hostId, seq);
      if (wanted.has(key)) committedAt.set(key, performance.timeOrigin + at);
    },
  });
  loopDelay.disable();
  const loopDelayP99Ms = loopDelay.percentile(99) / 1e6;
  if (stream.rows !== plan.totalRows) throw new Error(`acked ${stream.rows} rows, sent ${plan.totalRows}`);
  const rowsPerS = stream.rows / stream.seconds;
  console.log(
    `  ${stream.rows} rows (${stream.batches} batches) committed in ${stream.seconds.toFixed(2)} s = ` +
      `${Math.round(rowsPerS)} rows/s; the bench process's event loop delay p99 ${loopDelayP99Ms.toFixed(0)} ms`,
  );
  const result: RunResult = {
    withAlerter,
    rows: stream.rows,
    seconds: stream.seconds,
    cores: stream.cores,
    cpuPerRow: stream.cpuPerRow,
    told: [],
    untold: [],
    triggers: plan.triggers.length,
    toFlush: [],
    toArrival: [],
    loopDelayP99Ms,
    stages: Object.fromEntries(STAGES.map((stage) => [stage, []])) as unknown as RunResult['stages'],
    createdAt: new Map(),
  };
  if (alerter) await drainNotifications(opts, database, plan, committedAt, result);
  console.log(
    `  the database's busy backends, sampled every 200 ms ${alerter ? 'until the wait ended' : 'while streaming'}:`,
  );
  for (const line of await activity.stop()) console.log(`    ${line}`);
  if (opts.autoanalyzeS > 0)
    console.log(
      `  tables analyzed as autovacuum would (every ${opts.autoanalyzeS} s): ${await analyzer.stop()}`,
    );
  await alerter?.stop();
  if (alerter) collectStages(alerter, result);
  if (alerter?.evaluations) {
    const { evaluations, hosts } = alerter.evaluations;
    console.log(
      `  the alerter's event evaluations: ${evaluations}, covering ${hosts} hosts ` +
        `(${(hosts / Math.max(1, evaluations)).toFixed(1)} per evaluation; ${opts.hosts * opts.batches} batches)`,
    );
  }
  if (alerter) printLogDigest([alerter.log], 'alerter');
  alerter = undefined;
  await gateway.stop();
  printLogDigest([gateway.log]);
  gateway = undefined;
  assertStored('stream', await countStoredRows(database.adminUrl), plan.tableRows);
  await assertSeqs(database.adminUrl, opts.batches);
  if (opts.keepDatabase === 1) console.log(`  database kept: ${database.adminUrl}`);
  else await database.drop();
  databases.splice(databases.indexOf(database), 1);
  return result;
}

/**
 * Waits (up to --drain-s after the stream ended) until every scheduled condition was told,
 * then pairs notifications with conditions and splits each lag at the alert's fired_at and
 * the notification row's created_at.
 */
async function drainNotifications(
  opts: AlertsOptions,
  database: TestDatabase,
  plan: AlertPlan,
  committedAt: ReadonlyMap<string, number>,
  result: RunResult,
): Promise<void> {
  if (!receiver || !alerter || !gateway) throw new Error('nothing to drain');
  const cpu = openCpuWindow(database.adminUrl, [gateway.pid], {
    alerter: [alerter.pid],
    receiver: [receiver.pid],
  });
  const ended = Date.now();
  let matching = matchNotifications(plan.triggers, committedAt, receiver.arrivals);
  while (matching.untold.length > 0 && Date.now() - ended < opts.drainS * 1000) {
    if (!alerter.alive()) throw new Error('the alerter exited during the run');
    await sleep(250);
    matching = matchNotifications(plan.triggers, committedAt, receiver.arrivals);
  }
  const drainSeconds = (Date.now() - ended) / 1000;
  const used = cpu.finish(Math.max(1, matching.told.length), 'notification');
  console.log(
    `  after the stream: waited ${drainSeconds.toFixed(1)} s for the rest; CPU meanwhile: ${used.text}`,
  );
  const [counts] = await ownerQuery<{
    firing: string;
    resolved: string;
    notifications: string;
    sent: string;
  }>(
    database.adminUrl,
    `SELECT (SELECT count(*) FROM alerts WHERE fired_at IS NOT NULL) AS firing,
            (SELECT count(*) FROM alerts WHERE state = 'resolved') AS resolved,
            (SELECT count(*) FROM notifications) AS notifications,
            (SELECT count(*) FROM notifications WHERE state = 'sent') AS sent`,
  );
  console.log(
    `  ${matching.told.length} of ${plan.triggers.length} scheduled conditions told; receiver got ` +
      `${receiver.arrivals.length} messages (${matching.firingMessages} firing, ${matching.resolvedMessages} ` +
      `resolved), ${matching.unexplained} firing alerts no schedule explains; database: ${counts?.firing} alerts ` +
      `fired, ${counts?.resolved} resolved, ${counts?.notifications} notifications (${counts?.sent} sent)`,
  );
  if (matching.untold.length > 0) {
    const byKind = countBy(matching.untold.map((t) => t.kind));
    console.log(`  NOT told within ${opts.drainS} s: ${JSON.stringify(byKind)}`);
    // Told before the bench saw its batch's ack (a notification faster than the ack's trip
    // through the busy bench process) is not matched either: say so rather than call it lost.
    const arrivals = receiver.arrivals;
    const early = matching.untold.filter((t) => {
      const acked = committedAt.get(commitKey(t.hostId, t.seq));
      return (
        acked !== undefined &&
        arrivals.some(
          (a) =>
            a.at < acked &&
            a.alerts.some(
              (alert) =>
                alert.status === 'firing' &&
                alert.labels.host === t.hostName &&
                (alert.labels.container ?? null) === t.containerName &&
                alert.labels.rule === FIRING_RULES[t.kind].name,
            ),
        )
      );
    });
    const unacked = matching.untold.filter((t) => !committedAt.has(commitKey(t.hostId, t.seq)));
    console.log(
      `    of which a firing message arrived before the bench saw the batch's ack: ${early.length}; batch ack never seen: ${unacked.length}`,
    );
  }
  const created = new Map(
    (
      await ownerQuery<{ id: string; created_at: Date }>(
        database.adminUrl,
        'SELECT id, created_at FROM notifications WHERE id = ANY($1::uuid[])',
        [matching.told.map((t) => t.notificationId)],
      )
    ).map((row) => [row.id, row.created_at.getTime()]),
  );
  result.createdAt = created;
  for (const told of matching.told) {
    const at = created.get(told.notificationId);
    if (at === undefined) continue;
    result.toFlush.push(at - told.firedAt);
    result.toArrival.push(told.arrivedAt - at);
  }
  result.told = matching.told;
  result.untold = matching.untold;
}

/** Splits each told condition's lag at the alerter's stage stamps (those it logged). */
function collectStages(alerter: AlerterProcess, result: RunResult): void {
  const { firings, deliveries } = alerter.stages;
  for (const told of result.told) {
    const firing = told.alertId ? firings.get(told.alertId) : undefined;
    const delivery = deliveries.get(told.notificationId);
    const row = result.createdAt.get(told.notificationId);
    const add = (stage: Stage, from: number | null | undefined, to: number | null | undefined) => {
      if (from !== null && from !== undefined && to !== null && to !== undefined)
        result.stages[stage].push(to - from);
    };
    add('ack → heard', told.committedAt, firing?.heard);
    add('heard → started', firing?.heard, firing?.started);
    add('started → read', firing?.started, firing?.read);
    add('read → committed', firing?.read, firing?.committed);
    add('committed → row', firing?.committed, row);
    add('row → claimed', row, delivery?.claimed);
    add('claimed → received', delivery?.claimed, told.arrivedAt);
  }
}

function printResult(opts: AlertsOptions, runs: RunResult[]): void {
  const rate = (list: RunResult[]) =>
    list.reduce((sum, run) => sum + run.rows, 0) / list.reduce((sum, run) => sum + run.seconds, 0);
  const withRuns = runs.filter((run) => run.withAlerter);
  const withoutRuns = runs.filter((run) => !run.withAlerter);
  const withRate = rate(withRuns);
  const withoutRate = rate(withoutRuns);
  const costPct = (1 - withRate / withoutRate) * 100;
  console.log(
    `summary: ingest ${Math.round(withoutRate)} rows/s without the alerter, ${Math.round(withRate)} rows/s ` +
      `with it (${runs.map((run) => `${run.withAlerter ? 'with' : 'without'} ${Math.round(run.rows / run.seconds)}`).join(', ')}) ` +
      `→ cost ${costPct.toFixed(1)} % (goal ≤ 10 %)`,
  );
  for (const [name, list] of [
    ['without', withoutRuns],
    ['with', withRuns],
  ] as const) {
    const parts = Object.keys(list[0]?.cores ?? {});
    const mean = (part: string) => list.reduce((sum, run) => sum + (run.cores[part] ?? 0), 0) / list.length;
    console.log(
      `  CPU ${name} the alerter, cores busy on average while streaming: ` +
        `${parts.map((part) => `${part} ${mean(part).toFixed(2)}`).join(', ')}; ` +
        `${(list.reduce((sum, run) => sum + run.cpuPerRow, 0) / list.length).toFixed(1)} µs/row (all but the machine)`,
    );
  }
  const told = withRuns.flatMap((run) => run.told);
  const untold = withRuns.reduce((sum, run) => sum + run.untold.length, 0);
  const triggers = withRuns.reduce((sum, run) => sum + run.triggers, 0);
  const lags = told.map((t) => t.arrivedAt - t.committedAt);
  const p = (values: number[], q: number) => Math.round(percentile(values, q));
  console.log(
    `  lag, batch committed → notification received: p50 ${p(lags, 50)} ms, p90 ${p(lags, 90)} ms, ` +
      `p99 ${p(lags, 99)} ms, max ${p(lags, 100)} ms over ${told.length} of ${triggers} conditions ` +
      `(${untold} not told within ${opts.drainS} s) (goal p99 ≤ 1,000 ms)`,
  );
  const byKind = new Map<string, number[]>();
  for (const t of told)
    byKind.set(t.trigger.kind, [...(byKind.get(t.trigger.kind) ?? []), t.arrivedAt - t.committedAt]);
  console.log(
    `  by kind: ${[...byKind]
      .map(([kind, values]) => `${kind} p50 ${p(values, 50)} / p99 ${p(values, 99)} ms (${values.length})`)
      .join(', ')}`,
  );
  const toFired = told.map((t) => t.firedAt - t.committedAt);
  const toFlush = withRuns.flatMap((run) => run.toFlush);
  const toArrival = withRuns.flatMap((run) => run.toArrival);
  console.log(
    `  split: commit → evaluation that fired began (fired_at) p50 ${p(toFired, 50)} / p99 ${p(toFired, 99)} ms; ` +
      `fired_at → notification row (flush) p50 ${p(toFlush, 50)} / p99 ${p(toFlush, 99)} ms; ` +
      `row → received (delivery round) p50 ${p(toArrival, 50)} / p99 ${p(toArrival, 99)} ms; ` +
      `bench event loop delay p99 ${Math.max(...runs.map((run) => run.loopDelayP99Ms)).toFixed(0)} ms`,
  );
  const stageText = STAGES.map((stage) => {
    const values = withRuns.flatMap((run) => run.stages[stage]);
    return `${stage} p50 ${p(values, 50)} / p99 ${p(values, 99)} (${values.length})`;
  });
  console.log(`  stages (alerter trace, ms): ${stageText.join('; ')}`);
  console.log(
    `bench alerts: containers=${opts.hosts * opts.containers} rules=${opts.orgs * opts.rulesPerOrg} ` +
      `lag_p50_ms=${p(lags, 50)} lag_p99_ms=${p(lags, 99)} ingest_cost_pct=${costPct.toFixed(1)}`,
  );
}

function gatewayEnv(opts: AlertsOptions, redisUrl: string): Record<string, string> {
  return {
    AGENT_MAX_UNACKED: String(opts.maxUnacked),
    AGENT_MAX_FRAMES_PER_S: String(opts.maxFramesPerS),
    INGEST_CONNECTIONS: String(opts.ingestConnections),
    INGEST_ROWS_PER_TX: String(opts.rowsPerTx),
    INGEST_QUEUE_ROWS: String(opts.queueRows),
    AGENT_INTERVAL_S: String(GATEWAY_AGENT_INTERVAL_S),
    // The simulated agents do not ping, and a socket the gateway paused (ingest lagging) sends
    // nothing either: on a saturated machine that outlasted 3 × 30 s and the gateway cut it.
    AGENT_PING_S: '600',
    ROLLUP_INTERVAL_S: '0',
    // Both runs publish every batch's events to Redis, as a gateway with an alerter does.
    REDIS_URL: redisUrl,
  };
}

/** Exactly once: every host's committed high-water mark is its last batch. */
async function assertSeqs(adminUrl: string, batches: number): Promise<void> {
  const [row] = await ownerQuery<{ wrong: string }>(
    adminUrl,
    'SELECT count(*) AS wrong FROM hosts WHERE last_seq <> $1',
    [batches],
  );
  if (Number(row?.wrong) > 0) throw new Error(`${row?.wrong} hosts have last_seq ≠ ${batches}`);
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
