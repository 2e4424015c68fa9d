import { z } from 'zod';
import { ZContainerNameSchema } from './container-groups.js';
import { ZIsoDateSchema, ZUuidSchema } from './primitives.js';

/**
 * Auto-restart policies defined in the API / console (issue 16, docs/autoheal.md), targeted like
 * check definitions (one container by host + name, or a group) and pushed to the agents in the
 * same config. The limits are the `berth.autoheal*` labels' (a container's labels still win).
 */

export const AUTOHEAL_MODES = ['on-failure', 'unhealthy', 'off'] as const;

const settingsShape = {
  mode: z.enum(AUTOHEAL_MODES, { message: 'one of on-failure, unhealthy, off' }),
  /** The wait before the first restart; each further one doubles, up to the cap. */
  backoffInitialS: z.int().min(1).max(3600),
  backoffCapS: z.int().min(1).max(86_400),
  /** Restarts allowed inside the window; one more failure is a crash loop and healing stops. */
  maxAttempts: z.int().min(1).max(100),
  windowS: z.int().min(1).max(86_400),
};

const capNotBelowInitial = (
  settings: { backoffInitialS?: number; backoffCapS?: number },
  ctx: z.RefinementCtx,
) => {
  if (
    settings.backoffInitialS !== undefined &&
    settings.backoffCapS !== undefined &&
    settings.backoffCapS < settings.backoffInitialS
  )
    ctx.addIssue({ code: 'custom', path: ['backoffCapS'], message: 'must not be below backoffInitialS' });
};

export const ZNewAutohealPolicySchema = z
  .object({
    hostId: ZUuidSchema.optional(),
    containerName: ZContainerNameSchema.optional(),
    groupId: ZUuidSchema.optional(),
    mode: settingsShape.mode,
    backoffInitialS: settingsShape.backoffInitialS.default(10),
    backoffCapS: settingsShape.backoffCapS.default(300),
    maxAttempts: settingsShape.maxAttempts.default(5),
    windowS: settingsShape.windowS.default(1800),
  })
  .superRefine((input, ctx) => {
    const container = input.hostId !== undefined || input.containerName !== undefined;
    if (container === (input.groupId !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['groupId'], message: 'give hostId + containerName, or groupId' });
    } else if (container && input.hostId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['hostId'], message: 'the host of containerName' });
    } else if (container && input.containerName === undefined) {
      ctx.addIssue({ code: 'custom', path: ['containerName'], message: 'the container on hostId' });
    }
    capNotBelowInitial(input, ctx);
  });
export type NewAutohealPolicy = z.input<typeof ZNewAutohealPolicySchema>;

/** A change of the settings (the target stays: delete and add instead). */
export const ZAutohealPolicyChangeSchema = z
  .object({
    mode: settingsShape.mode.optional(),
    backoffInitialS: settingsShape.backoffInitialS.optional(),
    backoffCapS: settingsShape.backoffCapS.optional(),
    maxAttempts: settingsShape.maxAttempts.optional(),
    windowS: settingsShape.windowS.optional(),
  })
  .strict()
  .superRefine((change, ctx) => {
    if (Object.values(change).every((value) => value === undefined))
      ctx.addIssue({ code: 'custom', path: [], message: 'nothing to change' });
    capNotBelowInitial(change, ctx);
  });
export type AutohealPolicyChange = z.input<typeof ZAutohealPolicyChangeSchema>;

export const ZAutohealPolicySchema = z.object({
  id: ZUuidSchema,
  hostId: ZUuidSchema.nullable(),
  containerName: z.string().nullable(),
  groupId: ZUuidSchema.nullable(),
  mode: z.enum(AUTOHEAL_MODES),
  backoffInitialS: z.int(),
  backoffCapS: z.int(),
  maxAttempts: z.int(),
  windowS: z.int(),
  createdBy: ZUuidSchema.nullable(),
  createdAt: ZIsoDateSchema,
  updatedAt: ZIsoDateSchema,
});
export type AutohealPolicy = z.infer<typeof ZAutohealPolicySchema>;
export const ZAutohealPolicyListSchema = z.object({ items: z.array(ZAutohealPolicySchema) });

export const ZListAutohealPoliciesQuerySchema = z.object({
  hostId: ZUuidSchema.optional(),
  containerName: ZContainerNameSchema.optional(),
  groupId: ZUuidSchema.optional(),
});
export type ListAutohealPoliciesQuery = z.infer<typeof ZListAutohealPoliciesQuerySchema>;

export const ZAutohealPolicyParamsSchema = z.object({ policyId: ZUuidSchema });
