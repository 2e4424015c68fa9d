import { z } from 'zod';
import { checkRuleDefinition, RULE_KINDS, ZRuleScopeSchema } from './alert-rules.js';
import { ZIsoDateSchema, ZUuidSchema } from './primitives.js';

/**
 * POST /api/v1/alert-rules/preview: what a rule (as the form holds it, unsaved) would watch now.
 * The same kind, params and scope checks as a new rule, so the form's errors show before saving.
 */
export const ZRulePreviewRequestSchema = z
  .object({
    kind: z.enum(RULE_KINDS),
    params: z.record(z.string(), z.unknown()).default({}),
    scope: ZRuleScopeSchema.default({}),
  })
  .strict()
  .transform(checkRuleDefinition);
export type RulePreviewRequest = z.input<typeof ZRulePreviewRequestSchema>;
export type RulePreviewParsed = z.output<typeof ZRulePreviewRequestSchema>;

/** Up to this many matches of each kind are listed; the totals count them all. */
export const RULE_PREVIEW_LIMIT = 50;

/**
 * The current reading of the rule's metric on one object (null: no fresh reading, or the kind
 * has no metric) and whether it breaches the threshold now (null where that does not apply).
 */
const ZPreviewReadingShape = {
  value: z.number().nullable(),
  breaching: z.boolean().nullable(),
};

export const ZRulePreviewSchema = z.object({
  hosts: z.object({
    total: z.int(),
    items: z.array(
      z.object({
        id: ZUuidSchema,
        name: z.string(),
        online: z.boolean(),
        /** For disk_pct: the mount the value is of (the fullest one unless the rule names one). */
        mount: z.string().nullable(),
        ...ZPreviewReadingShape,
      }),
    ),
  }),
  /** Null for rules about hosts. */
  containers: z
    .object({
      total: z.int(),
      items: z.array(
        z.object({
          hostId: ZUuidSchema,
          hostName: z.string(),
          containerId: z.string(),
          name: z.string(),
          state: z.string(),
          ...ZPreviewReadingShape,
        }),
      ),
    })
    .nullable(),
  /**
   * Check rules only (else null): each matching check's newest run of the last hour (what the
   * alerter reads), and whether the rule's condition holds on it now.
   */
  checks: z
    .object({
      total: z.int(),
      items: z.array(
        z.object({
          hostId: ZUuidSchema,
          hostName: z.string(),
          containerName: z.string(),
          checkName: z.string(),
          status: z.string(),
          latencyMs: z.int(),
          slow: z.boolean(),
          certExpiresAt: ZIsoDateSchema.nullable(),
          lastRunAt: ZIsoDateSchema,
          error: z.string().nullable(),
          breaching: z.boolean(),
        }),
      ),
    })
    .nullable()
    .default(null),
  /** How many listed objects breach now (metric and check kinds only, else null). */
  breaching: z.int().nullable(),
});
export type RulePreview = z.infer<typeof ZRulePreviewSchema>;

/**
 * POST /api/v1/alert-rules/preview/history: what the rule (as the form holds it) would have
 * done over the last 24 h of stored data — its condition replayed with its `for` and
 * keep-firing timing as the alerter applies them (./alert-replay.ts).
 */
export const ZRuleHistoryRequestSchema = z
  .object({
    kind: z.enum(RULE_KINDS),
    params: z.record(z.string(), z.unknown()).default({}),
    scope: ZRuleScopeSchema.default({}),
    forS: z.int().min(0).max(86_400).default(0),
    keepFiringForS: z.int().min(0).max(86_400).default(0),
  })
  .strict()
  .transform(checkRuleDefinition);
export type RuleHistoryRequest = z.input<typeof ZRuleHistoryRequestSchema>;
export type RuleHistoryParsed = z.output<typeof ZRuleHistoryRequestSchema>;

/** The replayed window. */
export const RULE_HISTORY_HOURS = 24;
/** At most this many objects are replayed (the first by host and name); `objects.total` counts all. */
export const RULE_HISTORY_OBJECT_LIMIT = 50;
/** At most this many stored rows are read; more and the replay covers only the rows read. */
export const RULE_HISTORY_ROW_LIMIT = 100_000;
/** Raw samples while they fit in the row limit, else the 1-minute rollups (their means). */
export const RULE_HISTORY_SOURCES = ['raw_samples', 'rollups_1m', 'events', 'logs', 'check_results'] as const;
/** At most this many firings of one object are listed with their times. */
export const RULE_HISTORY_FIRINGS_LISTED = 20;

export const ZRuleHistorySchema = z.object({
  from: ZIsoDateSchema,
  to: ZIsoDateSchema,
  /** False for kinds with no stored history to replay (host offline, agent outdated). */
  supported: z.boolean(),
  /** What was read; null when nothing was. */
  source: z.enum(RULE_HISTORY_SOURCES).nullable(),
  /** Firings of every replayed object. */
  firings: z.int(),
  objects: z.object({
    /** Objects in the rule's scope (check rules: the checks that ran in the window). */
    total: z.int(),
    /** Those replayed (at most RULE_HISTORY_OBJECT_LIMIT). */
    replayed: z.int(),
    /** Replayed objects that would have fired at least once. */
    firing: z.int(),
  }),
  /** Objects that would have fired, most firings first. */
  items: z.array(
    z.object({
      hostId: ZUuidSchema,
      hostName: z.string(),
      containerId: z.string().nullable(),
      containerName: z.string().nullable(),
      mount: z.string().nullable(),
      /** Check rules: the health check (one object per host, container name and check). */
      checkName: z.string().nullable().optional(),
      firings: z.int(),
      firstAt: ZIsoDateSchema,
      lastAt: ZIsoDateSchema,
      /** The first RULE_HISTORY_FIRINGS_LISTED firings (resolvedAt null: firing at the end). */
      times: z.array(z.object({ firedAt: ZIsoDateSchema, resolvedAt: ZIsoDateSchema.nullable() })),
    }),
  ),
  /** Where the bounds cut the replay short, and any approximation, in words. */
  notes: z.array(z.string()),
  truncated: z.boolean(),
});
export type RuleHistory = z.infer<typeof ZRuleHistorySchema>;
