import { z } from 'zod';
import {
  CONTAINER_RULE_KINDS,
  hasContainerScope,
  RULE_KIND_LABELS,
  RULE_KINDS,
  ZRuleDefinitionSchema,
  ZRuleScopeSchema,
} from './alert-rules.js';
import { ZUuidSchema } from './primitives.js';

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
  .transform((rule, ctx) => {
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
  });
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
  /** How many listed objects breach now (metric kinds only, else null). */
  breaching: z.int().nullable(),
});
export type RulePreview = z.infer<typeof ZRulePreviewSchema>;
