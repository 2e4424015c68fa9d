import { z } from 'zod';

/** The steps of a container update as the agent reports them (`action.progress` events). */
export { UPDATE_STAGES, type UpdateStage } from '@berth/protocol';

import { ZActionSchema } from './actions.js';
import { ZContainerIdSchema, ZHostIdSchema, ZIsoDateSchema, ZUuidSchema } from './primitives.js';

/**
 * Image update policies (issue 17, docs/image-updates.md): whether a container is updated
 * automatically inside the organisation's maintenance window and may be updated by hand (`auto`),
 * may be updated by hand (`allow`), only after the person confirms (`warn`), or not at all
 * (`block`). The first of these that says something decides: the container's
 * `berth.update_policy` label, its own setting, its groups, the organisation's categories and
 * image patterns, the organisation's default (`allow` when none is set). Within one level the
 * strictest wins: the list is in strictness order, least strict first.
 */
export const UPDATE_POLICIES = ['auto', 'allow', 'warn', 'block'] as const;
export const ZUpdatePolicySchema = z.enum(UPDATE_POLICIES);
export type UpdatePolicy = z.infer<typeof ZUpdatePolicySchema>;

/** Whether a person may update under this policy without confirming (`auto` is `allow` plus the window). */
export function updateAllowedWithoutConfirm(policy: UpdatePolicy): boolean {
  return policy === 'allow' || policy === 'auto';
}

/** The label a container carries to set its own policy (it wins over everything else). */
export const UPDATE_POLICY_LABEL = 'berth.update_policy';

/**
 * Built-in categories: globs on the image's name (its last path component, tag dropped), so
 * `postgres:16`, `bitnami/postgresql` and `ghcr.io/acme/postgres-ha` are all databases.
 */
export const UPDATE_CATEGORIES = {
  databases: [
    'postgres*',
    'mysql*',
    'mariadb*',
    'mongo*',
    'redis*',
    'valkey*',
    'keydb*',
    'memcached*',
    'elasticsearch*',
    'opensearch*',
    'cassandra*',
    'scylla*',
    'clickhouse*',
    'influxdb*',
    'timescaledb*',
    'cockroach*',
    'couchdb*',
    'neo4j*',
    'etcd*',
    'mssql*',
    'rabbitmq*',
    'minio*',
  ],
  proxies: ['nginx*', 'traefik*', 'caddy*', 'haproxy*', 'envoy*', 'httpd*', 'kong*', 'squid*', 'varnish*'],
  monitoring: [
    'prometheus*',
    'alertmanager*',
    'grafana*',
    'loki*',
    'promtail*',
    '*-exporter',
    'cadvisor*',
    'netdata*',
    'telegraf*',
    'uptime-kuma*',
    'zabbix*',
    'victoria-metrics*',
    'jaeger*',
    'berth-agent*',
  ],
} as const satisfies Record<string, readonly string[]>;
export type UpdateCategory = keyof typeof UPDATE_CATEGORIES;
export const ZUpdateCategorySchema = z.enum(
  Object.keys(UPDATE_CATEGORIES) as [UpdateCategory, ...UpdateCategory[]],
);

/** A glob on image names: letters, digits, `._-/:` and `*` (any run of characters). */
export const ZImageGlobSchema = z
  .string()
  .trim()
  .min(1, 'a pattern')
  .max(200)
  .regex(/^[a-z0-9*][a-z0-9._\-/:*]*$/, 'lowercase image name characters and * only, e.g. ghcr.io/acme/*');

export const UPDATE_POLICY_SCOPES = ['default', 'category', 'pattern', 'group', 'container'] as const;
export type UpdatePolicyScope = (typeof UPDATE_POLICY_SCOPES)[number];

/** One stored rule: what it applies to (by scope) and its policy. */
export const ZUpdatePolicyRuleSchema = z.object({
  id: ZUuidSchema,
  scope: z.enum(UPDATE_POLICY_SCOPES),
  category: ZUpdateCategorySchema.nullable(),
  pattern: z.string().nullable(),
  groupId: ZUuidSchema.nullable(),
  hostId: ZUuidSchema.nullable(),
  containerName: z.string().nullable(),
  policy: ZUpdatePolicySchema,
  updatedAt: ZIsoDateSchema,
});
export type UpdatePolicyRule = z.infer<typeof ZUpdatePolicyRuleSchema>;
export const ZUpdatePolicyRuleListSchema = z.object({ items: z.array(ZUpdatePolicyRuleSchema) });

/** PUT /api/v1/update-policies: sets the policy of one scope (creating or replacing its rule). */
export const ZSetUpdatePolicyRequestSchema = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('default'), policy: ZUpdatePolicySchema }),
  z.strictObject({
    scope: z.literal('category'),
    category: ZUpdateCategorySchema,
    policy: ZUpdatePolicySchema,
  }),
  z.strictObject({ scope: z.literal('pattern'), pattern: ZImageGlobSchema, policy: ZUpdatePolicySchema }),
  z.strictObject({ scope: z.literal('group'), groupId: ZUuidSchema, policy: ZUpdatePolicySchema }),
  z.strictObject({
    scope: z.literal('container'),
    hostId: ZUuidSchema,
    containerName: z.string().min(1).max(255),
    policy: ZUpdatePolicySchema,
  }),
]);
export type SetUpdatePolicyRequest = z.infer<typeof ZSetUpdatePolicyRequestSchema>;
export const ZUpdatePolicyRuleParamsSchema = z.object({ ruleId: ZUuidSchema });

/** Where a resolved policy came from, and the sentence the console and a 409 show. */
export const ZResolvedUpdatePolicySchema = z.object({
  policy: ZUpdatePolicySchema,
  source: z.enum(['label', 'container', 'group', 'category', 'pattern', 'default']),
  reason: z.string(),
});
export type ResolvedUpdatePolicy = z.infer<typeof ZResolvedUpdatePolicySchema>;

/**
 * POST /api/v1/hosts/:hostId/containers/:containerId/update. With neither `tag` nor `digest` the
 * container's own reference is pulled again (a new digest under the same tag); otherwise its
 * repository with that tag or digest. `confirm` answers a `warn` policy.
 */
export const ZContainerUpdateRequestSchema = z
  .strictObject({
    tag: z
      .string()
      .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'a tag like 1.2.4 or latest')
      .optional(),
    digest: z
      .string()
      .regex(/^sha256:[0-9a-f]{64}$/, 'sha256:<64 hex>')
      .optional(),
    confirm: z.boolean().optional(),
    healthTimeoutS: z
      .int()
      .min(5)
      .max(1800)
      .optional()
      .describe('Seconds the new container may take to become healthy; default 60'),
  })
  .refine((body) => !(body.tag && body.digest), {
    message: 'give a tag or a digest, not both',
    path: ['digest'],
  });
export type ContainerUpdateRequest = z.infer<typeof ZContainerUpdateRequestSchema>;

export const ZContainerUpdateResponseSchema = z.object({
  action: ZActionSchema,
  /** The reference the agent pulls and recreates the container from. */
  image: z.string(),
  policy: ZResolvedUpdatePolicySchema,
});
export type ContainerUpdateResponse = z.infer<typeof ZContainerUpdateResponseSchema>;

/** Most containers one bulk apply may name (the Updates page's selection). */
export const MAX_BULK_UPDATE_ITEMS = 100;

/**
 * POST /api/v1/image-updates/apply: the per-container update (the container's own reference,
 * pulled again) for each item, each gated by its policy like the Update button.
 */
export const ZBulkUpdateRequestSchema = z.strictObject({
  items: z
    .array(
      z.strictObject({
        hostId: ZHostIdSchema,
        containerId: ZContainerIdSchema,
        /** Answers a `warn` policy for this container. */
        confirm: z.boolean().optional(),
      }),
    )
    .min(1, 'name at least one container')
    .max(MAX_BULK_UPDATE_ITEMS, `at most ${MAX_BULK_UPDATE_ITEMS} containers at once`)
    .refine(
      (items) => new Set(items.map((item) => `${item.hostId}/${item.containerId}`)).size === items.length,
      'a container is named twice',
    ),
  healthTimeoutS: z
    .int()
    .min(5)
    .max(1800)
    .optional()
    .describe('Seconds each new container may take to become healthy; default 60'),
});
export type BulkUpdateRequest = z.infer<typeof ZBulkUpdateRequestSchema>;

/** Why one container of a bulk apply was not dispatched. */
export const UPDATE_REFUSALS = [
  'blocked',
  'needs_confirm',
  'agent_cannot_update',
  'not_pullable',
  'not_found',
] as const;
export const ZUpdateRefusalSchema = z.enum(UPDATE_REFUSALS);
export type UpdateRefusal = z.infer<typeof ZUpdateRefusalSchema>;

export const ZBulkUpdateResultSchema = z.discriminatedUnion('outcome', [
  z.object({
    hostId: z.string(),
    containerId: z.string(),
    outcome: z.literal('accepted'),
    action: ZActionSchema,
    image: z.string(),
    policy: ZResolvedUpdatePolicySchema,
  }),
  z.object({
    hostId: z.string(),
    containerId: z.string(),
    outcome: z.literal('refused'),
    reason: ZUpdateRefusalSchema,
    message: z.string(),
    policy: ZResolvedUpdatePolicySchema.nullable(),
  }),
]);
export type BulkUpdateResult = z.infer<typeof ZBulkUpdateResultSchema>;

/** One result per item, in the request's order. */
export const ZBulkUpdateResponseSchema = z.object({ items: z.array(ZBulkUpdateResultSchema) });
export type BulkUpdateResponse = z.infer<typeof ZBulkUpdateResponseSchema>;
