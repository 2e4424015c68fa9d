import { z } from 'zod';
import { checkRuleDefinition, RULE_KINDS, ZRuleScopeSchema } from './alert-rules.js';
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
  /** How many listed objects breach now (metric kinds only, else null). */
  breaching: z.int().nullable(),
});
export type RulePreview = z.infer<typeof ZRulePreviewSchema>;
