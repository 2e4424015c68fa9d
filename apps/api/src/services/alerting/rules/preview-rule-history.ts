import {
  type AlertTiming,
  breaches,
  CHECK_RUN_FRESH_S,
  type CheckTrigger,
  type ConditionStep,
  checkRunHolds,
  globToRegExp,
  RULE_HISTORY_FIRINGS_LISTED,
  RULE_HISTORY_HOURS,
  RULE_HISTORY_OBJECT_LIMIT,
  RULE_HISTORY_ROW_LIMIT,
  type RuleHistory,
  type RuleHistoryParsed,
  replayAlert,
  stepsFromReadings,
} from '@berth/api-contract';
import type { Tx } from '@berth/db';
import {
  countContainerSamples,
  countHostSamples,
  type HistoryContainer,
  type HistoryResolution,
  type HistoryWindow,
  historyContainers,
  historyHosts,
  type PreviewTarget,
  readCheckRuns,
  readContainerEvents,
  readContainerSamples,
  readHostSamples,
  readLogMatches,
} from '@berth/db/queries';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { hostScopeOf } from '../../fleet/host-scope.js';
import { inOrg } from '../../in-org.js';
import {
  containerMetricSteps,
  containerStateSteps,
  hostMetricSteps,
  windowedEventSteps,
} from './history-steps.js';

type Params = Record<string, unknown>;
/** One replayed object (a host, a host's mount, a container) and its condition over time. */
type Replayed = {
  hostId: string;
  hostName: string;
  containerId: string | null;
  containerName: string | null;
  mount: string | null;
  checkName?: string;
  steps: ConditionStep[];
};
type Read = {
  objects: Replayed[];
  total: number;
  source: RuleHistory['source'];
  notes: string[];
  truncated: boolean;
};

/** Host metrics the 1-minute rollups keep (as means); the others are read raw whatever it costs. */
const HOST_ROLLUP_METRICS = new Set(['cpu_pct', 'load1', 'mem_pct']);

/**
 * What a rule would have done over the last 24 h: its condition rebuilt from stored samples,
 * events or log lines of the objects in its scope (under the caller's organisation and host
 * scope), replayed with its timing as the alerter applies it. Bounded: the first 50 objects,
 * at most 100,000 rows; the answer says where it stopped.
 */
export async function previewRuleHistory(
  ctx: ApiContext,
  principal: Principal,
  rule: RuleHistoryParsed,
  now: Date = new Date(),
): Promise<RuleHistory> {
  const window = { from: new Date(now.getTime() - RULE_HISTORY_HOURS * 3_600_000), to: now };
  if (rule.kind === 'host_offline' || rule.kind === 'agent_outdated' || rule.kind === 'image_update') {
    const note =
      rule.kind === 'image_update'
        ? 'Update-available rules are not replayed: only each image’s latest registry check is kept, not its history.'
        : 'This kind has no stored history to replay (heartbeats and versions are not kept).';
    return answer(
      window,
      { objects: [], total: 0, source: null, notes: [note], truncated: false },
      rule,
      false,
    );
  }
  const read = await inOrg(ctx, principal, async (tx) => {
    const target: PreviewTarget = {
      orgId: principal.orgId,
      scope: await hostScopeOf(tx, principal),
      rule: {
        hostIds: rule.scope.hostIds,
        hostLabels: rule.scope.hostLabels,
        containerNameRegex:
          rule.scope.containerName === undefined ? undefined : globToRegExp(rule.scope.containerName).source,
        containerLabels: rule.scope.containerLabels,
        groupIds: rule.scope.groupIds,
      },
      limit: RULE_HISTORY_OBJECT_LIMIT,
    };
    if (rule.kind === 'host_metric') return readHostMetric(tx, target, window, rule.params);
    if (rule.kind === 'check') return readChecks(tx, target, window, rule.params);
    return readContainerKind(tx, target, window, rule);
  });
  return answer(window, read, rule, true);
}

async function readHostMetric(
  tx: Tx,
  target: PreviewTarget,
  window: HistoryWindow,
  params: Params,
): Promise<Read> {
  const hosts = await historyHosts(tx, target);
  const ids = hosts.map((host) => host.id);
  const notes: string[] = [];
  let resolution: HistoryResolution = 'raw';
  if ((await countHostSamples(tx, ids, window, RULE_HISTORY_ROW_LIMIT + 1)) > RULE_HISTORY_ROW_LIMIT) {
    if (HOST_ROLLUP_METRICS.has(String(params.metric))) {
      resolution = '1m';
      notes.push(rollupNote());
    }
  }
  const rows = await readHostSamples(tx, ids, window, resolution, RULE_HISTORY_ROW_LIMIT + 1);
  const truncated = rows.length > RULE_HISTORY_ROW_LIMIT;
  const byHost = groupBy(rows.slice(0, RULE_HISTORY_ROW_LIMIT), (row) => row.host_id);
  const objects: Replayed[] = [];
  for (const host of hosts) {
    const steps = hostMetricSteps(byHost.get(host.id) ?? [], params as Parameters<typeof hostMetricSteps>[1]);
    // A host without readings was replayed too: it would not have fired.
    if (steps.size === 0) steps.set('', []);
    for (const [mount, list] of steps)
      objects.push({
        hostId: host.id,
        hostName: host.name,
        containerId: null,
        containerName: null,
        mount: mount === '' ? null : mount,
        steps: list,
      });
  }
  return {
    objects,
    total: hosts[0]?.total ?? 0,
    source: resolution === 'raw' ? 'raw_samples' : 'rollups_1m',
    notes,
    truncated,
  };
}

async function readContainerKind(
  tx: Tx,
  target: PreviewTarget,
  window: HistoryWindow,
  rule: RuleHistoryParsed,
): Promise<Read> {
  const containers = await historyContainers(tx, target, window);
  const total = containers[0]?.total ?? 0;
  const p = rule.params;
  const limit = RULE_HISTORY_ROW_LIMIT + 1;
  const done = (
    source: RuleHistory['source'],
    rows: { length: number },
    steps: (c: HistoryContainer) => ConditionStep[],
    notes: string[] = [],
  ): Read => ({
    objects: containers.map((c) => ({
      hostId: c.hostId,
      hostName: c.hostName,
      containerId: c.containerId,
      containerName: c.name,
      mount: null,
      steps: steps(c),
    })),
    total,
    source,
    notes,
    truncated: rows.length > RULE_HISTORY_ROW_LIMIT,
  });
  const keyOf = (row: { host_id: string; container_id: string }) => `${row.host_id}/${row.container_id}`;
  const mine = (c: HistoryContainer) => `${c.hostId}/${c.containerId}`;

  if (rule.kind === 'container_metric' && p.metric !== 'restarts') {
    let resolution: HistoryResolution = 'raw';
    const notes: string[] = [];
    if (
      (await countContainerSamples(tx, containers, window, RULE_HISTORY_ROW_LIMIT + 1)) >
      RULE_HISTORY_ROW_LIMIT
    ) {
      resolution = '1m';
      notes.push(rollupNote());
    }
    const rows = await readContainerSamples(tx, containers, window, resolution, limit);
    const byContainer = groupBy(rows.slice(0, RULE_HISTORY_ROW_LIMIT), keyOf);
    return done(
      resolution === 'raw' ? 'raw_samples' : 'rollups_1m',
      rows,
      (c) =>
        containerMetricSteps(byContainer.get(mine(c)) ?? [], p as Parameters<typeof containerMetricSteps>[1]),
      notes,
    );
  }
  if (rule.kind === 'log_pattern') {
    const windowMs = Number(p.windowS) * 1000;
    const from = new Date(window.from.getTime() - windowMs);
    const rows = await readLogMatches(
      tx,
      containers,
      { from, to: window.to },
      {
        match: p.match === 'regex' ? 'regex' : 'substring',
        caseSensitive: p.caseSensitive === true,
        pattern: String(p.pattern),
        stream: p.stream === 'any' || p.stream === undefined ? null : String(p.stream),
      },
      limit,
    );
    const byContainer = groupBy(rows.slice(0, RULE_HISTORY_ROW_LIMIT), keyOf);
    return done('logs', rows, (c) =>
      windowedEventSteps(
        (byContainer.get(mine(c)) ?? []).map((row) => ({ ts: row.ts, count: 1 })),
        windowMs,
        from.getTime(),
        (n) => n >= Number(p.count),
      ),
    );
  }
  // Event-based: restarts, and the container_state triggers.
  const event = rule.kind === 'container_metric' ? 'restarts' : String(p.event);
  const windowMs = event === 'restarts' ? Number(p.windowS) * 1000 : Number(p.windowMinutes) * 60_000;
  const stateLike = event === 'died' || event === 'stopped' || event === 'unhealthy';
  const actions = EVENT_ACTIONS[event] ?? ['die'];
  const from = stateLike ? window.from : new Date(window.from.getTime() - windowMs);
  const rows = await readContainerEvents(
    tx,
    containers,
    { from, to: window.to },
    {
      actions,
      // A stop Berth was asked for is no crash, no death to alert on.
      excludeBerthActions: event === 'crash_loop' || event === 'died' || event === 'stopped',
      limit,
    },
  );
  const byContainer = groupBy(rows.slice(0, RULE_HISTORY_ROW_LIMIT), keyOf);
  const threshold = event === 'crash_loop' ? Number(p.restarts) : 1;
  const holds =
    event === 'restarts'
      ? (n: number) => breaches(p.op as '>', n, Number(p.threshold))
      : (n: number) => n >= threshold;
  return done(
    'events',
    rows,
    (c) => {
      const list = byContainer.get(mine(c)) ?? [];
      return stateLike
        ? containerStateSteps(list, event as 'died' | 'stopped' | 'unhealthy')
        : windowedEventSteps(list, windowMs, from.getTime(), holds);
    },
    stateLike
      ? ['A container’s state before the window is not stored: it is replayed from its first event in it.']
      : [],
  );
}

/**
 * Check rules: each check's stored runs, read as the alerter reads the newest one — a run's
 * verdict holds until the next run, or until it is CHECK_RUN_FRESH_S old (no data, not down).
 * The runs of the hour before the window say what holds as it opens.
 */
const CHECK_CONTAINER_LIMIT = 1000;

async function readChecks(
  tx: Tx,
  target: PreviewTarget,
  window: HistoryWindow,
  params: Params,
): Promise<Read> {
  const containers = await historyContainers(tx, { ...target, limit: CHECK_CONTAINER_LIMIT }, window);
  const byName = new Map<string, HistoryContainer>();
  for (const c of containers)
    if (!byName.has(`${c.hostId}/${c.name}`)) byName.set(`${c.hostId}/${c.name}`, c);
  const on = params.on as CheckTrigger;
  const nameRegex = typeof params.checkName === 'string' ? globToRegExp(params.checkName).source : undefined;
  const fresh = CHECK_RUN_FRESH_S * 1000;
  const rows = await readCheckRuns(
    tx,
    [...byName.values()],
    { from: new Date(window.from.getTime() - fresh), to: window.to },
    nameRegex,
    RULE_HISTORY_ROW_LIMIT + 1,
  );
  const byCheck = groupBy(rows.slice(0, RULE_HISTORY_ROW_LIMIT), (row) =>
    [row.host_id, row.container_name, row.check_name].join('\u0000'),
  );
  const objects: Replayed[] = [];
  for (const runs of byCheck.values()) {
    const first = runs[0];
    const container = first && byName.get(`${first.host_id}/${first.container_name}`);
    if (!first || !container) continue;
    const readings = runs.map((row) => ({
      at: row.ts.getTime(),
      holds: checkRunHolds(on, {
        status: row.status,
        slow: row.slow,
        latencyMs: row.latency_ms,
        certExpiring: row.cert_expiring,
        certExpiresAt: row.cert_expires_at,
        error: row.error,
      }),
    }));
    objects.push({
      hostId: container.hostId,
      hostName: container.hostName,
      containerId: container.containerId,
      containerName: container.name,
      mount: null,
      checkName: first.check_name,
      steps: stepsFromReadings(readings, fresh),
    });
  }
  return {
    objects: objects.slice(0, RULE_HISTORY_OBJECT_LIMIT),
    total: objects.length,
    source: 'check_results',
    notes:
      (containers[0]?.total ?? 0) > CHECK_CONTAINER_LIMIT
        ? [
            `Read the checks of the first ${CHECK_CONTAINER_LIMIT} of ${containers[0]?.total} containers in scope.`,
          ]
        : [],
    truncated: rows.length > RULE_HISTORY_ROW_LIMIT,
  };
}

const EVENT_ACTIONS: Record<string, string[]> = {
  restarts: ['die'],
  crash_loop: ['die'],
  oom_killed: ['oom'],
  started: ['start'],
  healing_gave_up: ['autoheal_gave_up'],
  update_failed: ['update_failed'],
  died: ['die', 'start'],
  stopped: ['die', 'start'],
  unhealthy: ['health_status', 'start'],
};

function rollupNote(): string {
  return `The raw samples of these objects exceed ${RULE_HISTORY_ROW_LIMIT.toLocaleString('en')} rows: replayed their 1-minute means, so spikes shorter than a minute may not show.`;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

function answer(window: HistoryWindow, read: Read, rule: AlertTiming, supported: boolean): RuleHistory {
  const span = { from: window.from.getTime(), to: window.to.getTime() };
  const items: RuleHistory['items'] = [];
  let firings = 0;
  for (const object of read.objects) {
    const replayed = replayAlert(object.steps, rule, span);
    firings += replayed.length;
    const first = replayed[0];
    const last = replayed[replayed.length - 1];
    if (!first || !last) continue;
    items.push({
      hostId: object.hostId,
      hostName: object.hostName,
      containerId: object.containerId,
      containerName: object.containerName,
      mount: object.mount,
      checkName: object.checkName ?? null,
      firings: replayed.length,
      firstAt: new Date(first.firedAt).toISOString(),
      lastAt: new Date(last.firedAt).toISOString(),
      times: replayed.slice(0, RULE_HISTORY_FIRINGS_LISTED).map((f) => ({
        firedAt: new Date(f.firedAt).toISOString(),
        resolvedAt: f.resolvedAt === null ? null : new Date(f.resolvedAt).toISOString(),
      })),
    });
  }
  items.sort((a, b) => b.firings - a.firings || a.hostName.localeCompare(b.hostName));
  const objectKey = (o: { hostId: string; containerId: string | null; checkName?: string | null }) =>
    `${o.hostId}/${o.containerId ?? ''}/${o.checkName ?? ''}`;
  const replayedObjects = new Set(read.objects.map(objectKey)).size;
  const notes = [...read.notes];
  if (read.total > replayedObjects)
    notes.unshift(`Replayed the first ${RULE_HISTORY_OBJECT_LIMIT} of ${read.total} objects in scope.`);
  if (read.truncated)
    notes.unshift(
      `Read the first ${RULE_HISTORY_ROW_LIMIT.toLocaleString('en')} stored rows: the last objects’ later history was not replayed.`,
    );

  return {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    supported,
    source: read.source,
    firings,
    objects: {
      total: read.total,
      replayed: replayedObjects,
      firing: new Set(items.map(objectKey)).size,
    },
    items,
    notes,
    truncated: read.truncated || read.total > replayedObjects,
  };
}
