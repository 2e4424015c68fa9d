import { z } from 'zod';
import { ZIsoDateSchema, ZRoleSchema } from '../schemas.js';

export const ZApiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  role: ZRoleSchema,
  createdBy: z.uuid().nullable(),
  createdAt: ZIsoDateSchema,
  expiresAt: ZIsoDateSchema.nullable(),
  lastUsedAt: ZIsoDateSchema.nullable(),
  revokedAt: ZIsoDateSchema.nullable(),
});
