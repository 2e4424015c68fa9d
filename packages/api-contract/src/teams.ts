import { z } from 'zod';
import { pageSchema } from './paging.js';
import { ZIsoDateSchema, ZUuidSchema } from './primitives.js';

/** `{ label: value }`: hosts whose labels carry every pair. Keys like Docker/K8s labels. */
export const ZHostSelectorSchema = z
  .record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/, 'a label name'), z.string().max(200))
  .refine((selector) => Object.keys(selector).length <= 20, 'at most 20 labels');

export const ZTeamSchema = z.object({
  id: ZUuidSchema,
  name: z.string(),
  /** `{ label: value }`: members who are operators or viewers see only hosts carrying every pair. */
  hostSelector: z.record(z.string(), z.string()),
  memberCount: z.int(),
  createdAt: ZIsoDateSchema,
});
export type Team = z.infer<typeof ZTeamSchema>;
export const ZTeamPageSchema = pageSchema(ZTeamSchema);

export const ZTeamMemberSchema = z.object({
  userId: ZUuidSchema,
  email: z.string(),
  name: z.string().nullable(),
});
export type TeamMember = z.infer<typeof ZTeamMemberSchema>;
export const ZTeamMemberPageSchema = pageSchema(ZTeamMemberSchema);

export const ZTeamNameSchema = z.string().trim().min(1).max(100);
export const ZTeamParamsSchema = z.object({ teamId: ZUuidSchema });
export const ZTeamMemberParamsSchema = z.object({ teamId: ZUuidSchema, userId: ZUuidSchema });

export const ZNewTeamSchema = z.object({
  name: ZTeamNameSchema,
  hostSelector: ZHostSelectorSchema.default({}),
});
export type NewTeam = z.input<typeof ZNewTeamSchema>;

export const ZTeamChangeSchema = z
  .object({ name: ZTeamNameSchema.optional(), hostSelector: ZHostSelectorSchema.optional() })
  .refine((change) => change.name !== undefined || change.hostSelector !== undefined, 'nothing to change');
export type TeamChange = z.input<typeof ZTeamChangeSchema>;
