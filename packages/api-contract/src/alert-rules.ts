import { z } from 'zod';
import { pageSchema } from './paging.js';
import { ZIsoDateSchema, ZLabelKeySchema, ZUuidSchema } from './primitives.js';

/**
 * Alert rules (issue 15): what to watch and when to tell. One schema per kind for `params`, a
 * shared `scope`, and the Alertmanager-style timing (`for`, keep-firing, repeat, grouping). The
 * API validates with these before anything is written; the alerter reads rules back through
 * `parseRuleParams`, so a row the contract no longer accepts is skipped with a reason, never
 * half-evaluated. New kinds (image updates) add a member to `ZRuleDefinitionSchema`.
 */

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export const ZAlertSeveritySchema = z.enum(ALERT_SEVERITIES);
export type AlertSeverity = z.infer<typeof ZAlertSeveritySchema>;

export const COMPARATORS = ['>', '>=', '<', '<='] as const;
export const ZComparatorSchema = z.enum(COMPARATORS);
export type Comparator = z.infer<typeof ZComparatorSchema>;

/** Whether `value` breaches `threshold` under `op`. */
export function breaches(op: Comparator, value: number, threshold: number): boolean {
  switch (op) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
  }
}

/**
 * Container metrics a threshold rule may watch. Rates are per second over the sample
 * interval (from the cumulative counters the agent reports); `restarts` counts restarts in
 * the rule's `windowS`.
 */
export const CONTAINER_METRICS = [
  'cpu_pct',
  'mem_pct',
  'mem_bytes',
  'net_rx_bps',
  'net_tx_bps',
  'blk_read_bps',
  'blk_write_bps',
  'restarts',
] as const;
export const ZContainerMetricSchema = z.enum(CONTAINER_METRICS);
export type ContainerMetric = z.infer<typeof ZContainerMetricSchema>;

/** Host metrics a threshold rule may watch; `disk_pct` is per mount (or the fullest one). */
export const HOST_METRICS = [
  'cpu_pct',
  'mem_pct',
  'swap_pct',
  'disk_pct',
  'load1',
  'load5',
  'load15',
] as const;
export const ZHostMetricSchema = z.enum(HOST_METRICS);
export type HostMetric = z.infer<typeof ZHostMetricSchema>;

/** What the console calls each metric, with its unit. */
export const METRIC_LABELS: Record<ContainerMetric | HostMetric, { label: string; unit: string }> = {
  cpu_pct: { label: 'CPU', unit: '%' },
  mem_pct: { label: 'Memory (of limit)', unit: '%' },
  mem_bytes: { label: 'Memory', unit: 'bytes' },
  net_rx_bps: { label: 'Network in', unit: 'bytes/s' },
  net_tx_bps: { label: 'Network out', unit: 'bytes/s' },
  blk_read_bps: { label: 'Disk read', unit: 'bytes/s' },
  blk_write_bps: { label: 'Disk write', unit: 'bytes/s' },
  restarts: { label: 'Restarts in window', unit: 'restarts' },
  swap_pct: { label: 'Swap', unit: '%' },
  disk_pct: { label: 'Disk used', unit: '%' },
  load1: { label: 'Load (1 min)', unit: '' },
  load5: { label: 'Load (5 min)', unit: '' },
  load15: { label: 'Load (15 min)', unit: '' },
};

const ZThresholdSchema = z.number({ message: 'a number' }).finite().min(-1e15).max(1e15);

export const ZContainerMetricParamsSchema = z.object({
  metric: ZContainerMetricSchema,
  op: ZComparatorSchema,
  threshold: ZThresholdSchema,
  /** For `restarts`: the window restarts are counted in (default 10 minutes). */
  windowS: z.int().min(60).max(86_400).default(600),
});

export const ZHostMetricParamsSchema = z.object({
  metric: ZHostMetricSchema,
  op: ZComparatorSchema,
  threshold: ZThresholdSchema,
  /** For `disk_pct`: one mount point; absent: every mount (one alert per breaching mount). */
  mount: z.string().trim().min(1).max(255).optional(),
});

export const CONTAINER_STATE_TRIGGERS = [
  'died',
  'oom_killed',
  'unhealthy',
  'crash_loop',
  'started',
  'stopped',
  /** The agent's auto-restart gave up on the container (`autoheal_gave_up`, docs/autoheal.md). */
  'healing_gave_up',
  /** A `container.update` that failed (and rolled back): the gateway's `update_failed` event. */
  'update_failed',
] as const;
export const ZContainerStateTriggerSchema = z.enum(CONTAINER_STATE_TRIGGERS);
export type ContainerStateTrigger = z.infer<typeof ZContainerStateTriggerSchema>;

export const ZContainerStateParamsSchema = z
  .object({
    event: ZContainerStateTriggerSchema,
    /** For `crash_loop`: this many restarts … */
    restarts: z.int().min(2).max(100).default(3),
    /** … within this many minutes. */
    windowMinutes: z.int().min(1).max(1440).default(10),
  })
  .strict();

export const ZHostOfflineParamsSchema = z
  .object({
    /** Heartbeat intervals missed before the host counts as offline. */
    missedIntervals: z.int().min(1).max(1000).default(3),
  })
  .strict();

export const ZAgentOutdatedParamsSchema = z
  .object({
    /** Fire below this version; absent: below the version this Berth ships. */
    minVersion: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/, 'a version like 1.4.0')
      .optional(),
  })
  .strict();

export const ZLogPatternParamsSchema = z
  .object({
    pattern: z.string().min(1, 'a pattern').max(500),
    /** `regex`: a POSIX regular expression as PostgreSQL evaluates it; `substring`: literal text. */
    match: z.enum(['substring', 'regex']).default('substring'),
    caseSensitive: z.boolean().default(false),
    stream: z.enum(['any', 'stdout', 'stderr']).default('any'),
    /** Fire when at least `count` matching lines arrive within `windowS`. */
    count: z.int().min(1).max(1_000_000).default(1),
    windowS: z.int().min(60).max(86_400).default(300),
  })
  .strict()
  .superRefine((params, ctx) => {
    if (params.match !== 'regex') return;
    // PostgreSQL's ARE and JavaScript's syntax overlap for what people write here; a pattern
    // JavaScript rejects is caught now rather than at every evaluation.
    try {
      new RegExp(params.pattern);
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        path: ['pattern'],
        message: `not a valid regular expression: ${(error as Error).message}`,
      });
    }
  });

/**
 * What a check rule watches in a health check's newest run (docs/checks.md): `down` (the agent
 * already applied the check's retries before saying down), `slow` (up, but over its
 * max_latency) or `cert_expiring` (the certificate expires within its cert_expiry_days).
 */
export const CHECK_TRIGGERS = ['down', 'slow', 'cert_expiring'] as const;
export const ZCheckTriggerSchema = z.enum(CHECK_TRIGGERS, {
  message: `one of ${CHECK_TRIGGERS.join(', ')}`,
});
export type CheckTrigger = z.infer<typeof ZCheckTriggerSchema>;
export const CHECK_TRIGGER_LABELS: Record<CheckTrigger, string> = {
  down: 'is down',
  slow: 'is slow',
  cert_expiring: 'has a certificate expiring',
};

/** `*` any run, `?` one character, over check names (lowercase letters, digits, `-`, `_`). */
export const ZCheckNameGlobSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9_*?-]{1,63}$/, 'a check name or glob (lowercase letters, digits, _ - and * ?)');

export const ZCheckRuleParamsSchema = z
  .object({
    on: ZCheckTriggerSchema,
    /** Only checks whose name matches (the unnamed check is `default`); absent: every check. */
    checkName: ZCheckNameGlobSchema.optional(),
  })
  .strict();

/**
 * How big an image update must be before an `image_update` rule fires (docs/image-updates.md):
 * `digest` (the running tag was re-pushed: same tag, new content) < `patch` < `minor` < `major`
 * (a newer semantic-version tag of the running tag's family). A container's class is the
 * largest one available to it.
 */
export const IMAGE_UPDATE_CLASSES = ['digest', 'patch', 'minor', 'major'] as const;
export const ZImageUpdateClassSchema = z.enum(IMAGE_UPDATE_CLASSES, {
  message: `one of ${IMAGE_UPDATE_CLASSES.join(', ')}`,
});
export type ImageUpdateClass = z.infer<typeof ZImageUpdateClassSchema>;
export const IMAGE_UPDATE_CLASS_LABELS: Record<ImageUpdateClass, string> = {
  digest: 'any update (a re-pushed tag too)',
  patch: 'a newer patch version or more',
  minor: 'a newer minor version or more',
  major: 'a newer major version',
};

/** Whether an update of class `found` reaches the rule's minimum. */
export function imageUpdateReaches(found: ImageUpdateClass, minimum: ImageUpdateClass): boolean {
  return IMAGE_UPDATE_CLASSES.indexOf(found) >= IMAGE_UPDATE_CLASSES.indexOf(minimum);
}

export const ZImageUpdateRuleParamsSchema = z
  .object({
    minClass: ZImageUpdateClassSchema.default('digest'),
  })
  .strict();

/** Each kind with its params: the discriminated union a rule's `kind` + `params` must match. */
export const ZRuleDefinitionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('container_metric'), params: ZContainerMetricParamsSchema.strict() }),
  z.object({ kind: z.literal('host_metric'), params: ZHostMetricParamsSchema.strict() }),
  z.object({ kind: z.literal('container_state'), params: ZContainerStateParamsSchema }),
  z.object({ kind: z.literal('host_offline'), params: ZHostOfflineParamsSchema }),
  z.object({ kind: z.literal('agent_outdated'), params: ZAgentOutdatedParamsSchema }),
  z.object({ kind: z.literal('log_pattern'), params: ZLogPatternParamsSchema }),
  z.object({ kind: z.literal('check'), params: ZCheckRuleParamsSchema }),
  z.object({ kind: z.literal('image_update'), params: ZImageUpdateRuleParamsSchema }),
]);
export type RuleDefinition = z.infer<typeof ZRuleDefinitionSchema>;
export type RuleKind = RuleDefinition['kind'];
export const RULE_KINDS = [
  'container_metric',
  'host_metric',
  'container_state',
  'host_offline',
  'agent_outdated',
  'log_pattern',
  'check',
  'image_update',
] as const satisfies readonly RuleKind[];
/** Kinds about containers (their scope may name containers, labels and groups). */
export const CONTAINER_RULE_KINDS: readonly RuleKind[] = [
  'container_metric',
  'container_state',
  'log_pattern',
  'check',
  'image_update',
];

export const RULE_KIND_LABELS: Record<RuleKind, string> = {
  container_metric: 'Container metric',
  host_metric: 'Host metric',
  container_state: 'Container state',
  host_offline: 'Host offline',
  agent_outdated: 'Agent outdated',
  log_pattern: 'Log pattern',
  check: 'Health check',
  image_update: 'Update available',
};

/** A stored rule's kind and params, checked again on the way out of the database. */
export function parseRuleDefinition(kind: string, params: unknown) {
  return ZRuleDefinitionSchema.safeParse({ kind, params });
}

/**
 * `*` any run of characters, `?` one; everything else literal. Docker names allow only
 * `[A-Za-z0-9_.-]`, so the glob needs no escape syntax.
 */
export const ZContainerNameGlobSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.*?-]{1,255}$/, 'a container name or glob (letters, digits, _ . - and * ?)');

/** A glob as a RegExp anchored at both ends. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${body}$`);
}

/** Every member must match (AND); an absent member matches everything. */
export const ZRuleScopeSchema = z
  .object({
    hostIds: z.array(ZUuidSchema).max(500).optional(),
    /** Host labels: `value` absent matches any value of `key`. */
    hostLabels: z
      .array(z.object({ key: ZLabelKeySchema, value: z.string().max(255).optional() }))
      .max(32)
      .optional(),
    containerName: ZContainerNameGlobSchema.optional(),
    containerLabels: z
      .array(z.object({ key: z.string().min(1).max(255), value: z.string().max(4096).optional() }))
      .max(32)
      .optional(),
    groupIds: z.array(ZUuidSchema).max(100).optional(),
  })
  .strict();
export type RuleScope = z.infer<typeof ZRuleScopeSchema>;

/** Labels the grouping may use: each alert carries these (absent ones group as empty). */
export const GROUP_BY_LABELS = ['rule', 'host', 'container', 'severity', 'kind'] as const;

const ZRuleTimingShape = {
  severity: ZAlertSeveritySchema,
  forS: z.int().min(0).max(86_400),
  keepFiringForS: z.int().min(0).max(86_400),
  /** 0: notify once per firing. */
  repeatIntervalS: z.int().refine((s) => s === 0 || (s >= 60 && s <= 604_800), '0 or 60 s – 7 days'),
  maxRepeats: z.int().min(0).max(1000).nullable(),
  groupBy: z.array(z.enum(GROUP_BY_LABELS)).max(GROUP_BY_LABELS.length),
  groupWaitS: z.int().min(0).max(3600),
  groupIntervalS: z.int().min(0).max(86_400),
  channelIds: z.array(ZUuidSchema).max(20),
  enabled: z.boolean(),
};

const ZRuleNameSchema = z.string().trim().min(1, 'a name').max(200);
const ZRuleDescriptionSchema = z.string().trim().max(1000);

/**
 * A rule body's kind, params and scope checked together (creating a rule and previewing one):
 * params parsed by the kind's schema (defaults filled in, issues named `params.<field>`), and
 * container scopes refused on kinds that watch hosts.
 */
export function checkRuleDefinition<
  T extends { kind: RuleKind; params: Record<string, unknown>; scope: RuleScope },
>(rule: T, ctx: z.RefinementCtx): T {
  const definition = ZRuleDefinitionSchema.safeParse({ kind: rule.kind, params: rule.params });
  if (!definition.success) {
    for (const issue of definition.error.issues) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    }
    return z.NEVER;
  }
  if (!CONTAINER_RULE_KINDS.includes(rule.kind) && hasContainerScope(rule.scope)) {
    ctx.addIssue({
      code: 'custom',
      path: ['scope'],
      message: `a ${RULE_KIND_LABELS[rule.kind].toLowerCase()} rule watches hosts: scope it by hosts or host labels only`,
    });
    return z.NEVER;
  }
  return { ...rule, params: definition.data.params };
}

/** POST /api/v1/alert-rules. */
export const ZNewAlertRuleSchema = z
  .object({
    name: ZRuleNameSchema,
    description: ZRuleDescriptionSchema.default(''),
    kind: z.enum(RULE_KINDS),
    params: z.record(z.string(), z.unknown()).default({}),
    scope: ZRuleScopeSchema.default({}),
    severity: ZRuleTimingShape.severity.default('warning'),
    forS: ZRuleTimingShape.forS.default(0),
    keepFiringForS: ZRuleTimingShape.keepFiringForS.default(0),
    repeatIntervalS: ZRuleTimingShape.repeatIntervalS.default(14_400),
    maxRepeats: ZRuleTimingShape.maxRepeats.default(null),
    groupBy: ZRuleTimingShape.groupBy.default(['rule', 'host']),
    groupWaitS: ZRuleTimingShape.groupWaitS.default(30),
    groupIntervalS: ZRuleTimingShape.groupIntervalS.default(300),
    channelIds: ZRuleTimingShape.channelIds.default([]),
    enabled: ZRuleTimingShape.enabled.default(true),
  })
  .strict()
  .transform(checkRuleDefinition);
export type NewAlertRule = z.input<typeof ZNewAlertRuleSchema>;
export type NewAlertRuleParsed = z.output<typeof ZNewAlertRuleSchema>;

/** PATCH /api/v1/alert-rules/:ruleId: any subset; `kind` is fixed once created (params follow it). */
export const ZAlertRuleChangeSchema = z
  .object({
    name: ZRuleNameSchema.optional(),
    description: ZRuleDescriptionSchema.optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    scope: ZRuleScopeSchema.optional(),
    severity: ZRuleTimingShape.severity.optional(),
    forS: ZRuleTimingShape.forS.optional(),
    keepFiringForS: ZRuleTimingShape.keepFiringForS.optional(),
    repeatIntervalS: ZRuleTimingShape.repeatIntervalS.optional(),
    maxRepeats: ZRuleTimingShape.maxRepeats.optional(),
    groupBy: ZRuleTimingShape.groupBy.optional(),
    groupWaitS: ZRuleTimingShape.groupWaitS.optional(),
    groupIntervalS: ZRuleTimingShape.groupIntervalS.optional(),
    channelIds: ZRuleTimingShape.channelIds.optional(),
    enabled: ZRuleTimingShape.enabled.optional(),
  })
  .strict()
  .refine((change) => Object.keys(change).length > 0, 'nothing to change');
export type AlertRuleChange = z.input<typeof ZAlertRuleChangeSchema>;

function hasContainerScope(scope: RuleScope): boolean {
  return (
    scope.containerName !== undefined ||
    (scope.containerLabels?.length ?? 0) > 0 ||
    (scope.groupIds?.length ?? 0) > 0
  );
}

export { hasContainerScope };

export const ZAlertRuleParamsSchema = z.object({ ruleId: ZUuidSchema });

export const ZAlertRuleSchema = z.object({
  id: ZUuidSchema,
  name: z.string(),
  description: z.string(),
  kind: z.enum(RULE_KINDS),
  params: z.record(z.string(), z.unknown()),
  scope: ZRuleScopeSchema,
  ...ZRuleTimingShape,
  /** Open alerts of this rule now. */
  firing: z.int(),
  pending: z.int(),
  createdAt: ZIsoDateSchema,
  updatedAt: ZIsoDateSchema,
});
export type AlertRule = z.infer<typeof ZAlertRuleSchema>;
export const ZAlertRulePageSchema = pageSchema(ZAlertRuleSchema);
