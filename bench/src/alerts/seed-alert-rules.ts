import { randomUUID } from 'node:crypto';
import { createSecretBox, secretKeyRing } from '@berth/db/sql';
import pg from 'pg';

export type TriggerKind = 'container_cpu' | 'host_cpu' | 'container_died' | 'log_line';

type RuleSpec = { name: string; kind: string; params: Record<string, unknown> };

/** The AUTH_SECRET the alerter process runs with: channel secrets are sealed with its key. */
export const BENCH_AUTH_SECRET = 'bench-secret-bench-secret-bench-secret-0123';

/** The one rule per scheduled condition (plan-alert-agents.ts switches these on). */
export const FIRING_RULES: Record<TriggerKind, RuleSpec> = {
  container_cpu: {
    name: 'bench container cpu > 90',
    kind: 'container_metric',
    params: { metric: 'cpu_pct', op: '>', threshold: 90, windowS: 600 },
  },
  host_cpu: {
    name: 'bench host cpu > 95',
    kind: 'host_metric',
    params: { metric: 'cpu_pct', op: '>', threshold: 95 },
  },
  container_died: {
    name: 'bench container died',
    kind: 'container_state',
    params: { event: 'died', restarts: 3, windowMinutes: 10 },
  },
  log_line: {
    name: 'bench log FATAL',
    kind: 'log_pattern',
    params: {
      pattern: 'FATAL bench-trigger',
      match: 'substring',
      caseSensitive: false,
      stream: 'any',
      count: 1,
      windowS: 300,
    },
  },
};

/**
 * Rules that are evaluated on every batch like the others but never hold on the bench's data
 * (tamed readings, every container running, no such log lines), so what fires is what the
 * schedule switched on. Cycled to fill each organisation up to its rule count.
 */
const QUIET_RULES: Omit<RuleSpec, 'name'>[] = [
  // Hosts fall silent when the stream ends: long enough not to fire while the bench waits.
  { kind: 'host_offline', params: { missedIntervals: 60 } },
  { kind: 'container_metric', params: { metric: 'mem_pct', op: '>', threshold: 99, windowS: 600 } },
  { kind: 'host_metric', params: { metric: 'disk_pct', op: '>', threshold: 99 } },
  {
    kind: 'container_metric',
    params: { metric: 'mem_bytes', op: '>', threshold: 64 * 2 ** 30, windowS: 600 },
  },
  { kind: 'container_state', params: { event: 'unhealthy', restarts: 3, windowMinutes: 10 } },
  { kind: 'log_pattern', params: regexLog('panic: .*goroutine') },
  { kind: 'container_metric', params: { metric: 'net_rx_bps', op: '>', threshold: 1e12, windowS: 600 } },
  { kind: 'host_metric', params: { metric: 'mem_pct', op: '>', threshold: 99 } },
  { kind: 'container_metric', params: { metric: 'blk_write_bps', op: '>', threshold: 1e12, windowS: 600 } },
  { kind: 'container_state', params: { event: 'oom_killed', restarts: 3, windowMinutes: 10 } },
  { kind: 'host_metric', params: { metric: 'load1', op: '>', threshold: 100 } },
  { kind: 'log_pattern', params: { ...regexLog('OutOfMemoryError'), match: 'substring' } },
  { kind: 'container_metric', params: { metric: 'cpu_pct', op: '>', threshold: 150, windowS: 600 } },
  { kind: 'host_offline', params: { missedIntervals: 100 } },
  { kind: 'container_metric', params: { metric: 'restarts', op: '>', threshold: 1000, windowS: 600 } },
  { kind: 'host_metric', params: { metric: 'swap_pct', op: '>', threshold: 90 } },
  { kind: 'container_state', params: { event: 'crash_loop', restarts: 100, windowMinutes: 10 } },
  {
    kind: 'log_pattern',
    params: { ...regexLog('^Traceback \\(most recent call last\\)'), stream: 'stderr' },
  },
  { kind: 'container_metric', params: { metric: 'net_tx_bps', op: '>', threshold: 1e12, windowS: 600 } },
  { kind: 'host_metric', params: { metric: 'load15', op: '>', threshold: 100 } },
];

function regexLog(pattern: string): Record<string, unknown> {
  return { pattern, match: 'regex', caseSensitive: true, stream: 'any', count: 1, windowS: 300 };
}

const SEVERITIES = ['info', 'warning', 'critical'] as const;

/**
 * Per organisation: a webhook channel to `webhookUrl` (its URL sealed as the API seals it) and
 * `rulesPerOrg` enabled rules, all notifying that channel with group_wait 0 and one group per
 * alert (group_by rule, host, container), so every condition is one message of its own.
 * Inserted in bulk as the table owner; the alerter reads them through its org door.
 */
export async function seedAlertRules(
  adminUrl: string,
  orgIds: readonly string[],
  rulesPerOrg: number,
  webhookUrl: string,
): Promise<{ rules: number; kinds: Record<string, number> }> {
  const box = createSecretBox(secretKeyRing({ secretsKeys: undefined, authSecret: BENCH_AUTH_SECRET }));
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const kinds: Record<string, number> = {};
  let rules = 0;
  try {
    for (const orgId of orgIds) {
      const channelId = randomUUID();
      const sealed = box.seal(JSON.stringify({ url: webhookUrl }), {
        orgId,
        purpose: 'notification_channel',
        rowId: channelId,
      });
      await client.query(
        `INSERT INTO notification_channels (id, org_id, name, kind, config, secrets, secret_fields, description)
         VALUES ($1, $2, 'bench receiver', 'webhook', '{"headers":{}}', $3, '{url}', 'the bench''s local receiver')`,
        [channelId, orgId, sealed],
      );
      const specs: RuleSpec[] = Object.values(FIRING_RULES);
      for (let i = 0; specs.length < rulesPerOrg; i += 1) {
        const quiet = QUIET_RULES[i % QUIET_RULES.length] as Omit<RuleSpec, 'name'>;
        specs.push({ ...quiet, name: `bench quiet ${i + 1} ${quiet.kind}` });
      }
      await client.query(
        `INSERT INTO alert_rules (org_id, name, kind, params, severity, for_s, keep_firing_for_s, repeat_interval_s,
                                  group_by, group_wait_s, group_interval_s, channel_ids)
         SELECT $1, r.name, r.kind, r.params, r.severity, 0, 0, 0, '{rule,host,container}', 0, 0, ARRAY[$2::uuid]
           FROM unnest($3::text[], $4::text[], $5::jsonb[], $6::text[]) AS r(name, kind, params, severity)`,
        [
          orgId,
          channelId,
          specs.map((spec) => spec.name),
          specs.map((spec) => spec.kind),
          specs.map((spec) => JSON.stringify(spec.params)),
          specs.map((_, index) => SEVERITIES[index % SEVERITIES.length]),
        ],
      );
      for (const spec of specs) kinds[spec.kind] = (kinds[spec.kind] ?? 0) + 1;
      rules += specs.length;
    }
  } finally {
    await client.end();
  }
  return { rules, kinds };
}
