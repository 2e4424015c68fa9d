import { z } from 'zod';
import { ZIsoDateSchema } from '../schemas.js';

/** `{ label: value }`: hosts whose labels carry every pair. Keys like Docker/K8s labels. */
export const ZHostSelectorSchema = z
  .record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/, 'a label name'), z.string().max(200))
  .refine((selector) => Object.keys(selector).length <= 20, 'at most 20 labels');

export const ZTeamSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  hostSelector: z.record(z.string(), z.string()),
  memberCount: z.int(),
  createdAt: ZIsoDateSchema,
});

export const ZTeamNameSchema = z.string().trim().min(1).max(100);
export const ZTeamParamsSchema = z.object({ teamId: z.uuid() });
export const ZTeamMemberParamsSchema = z.object({ teamId: z.uuid(), userId: z.uuid() });
