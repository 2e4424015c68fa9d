import { z } from 'zod';
import { ZIsoDateSchema, ZRoleSchema } from '../schemas.js';

export const ZInviteSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: ZRoleSchema,
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
  invitedBy: z.uuid().nullable(),
  createdAt: ZIsoDateSchema,
  expiresAt: ZIsoDateSchema,
  acceptedAt: ZIsoDateSchema.nullable(),
  revokedAt: ZIsoDateSchema.nullable(),
});

export const ZInviteTokenSchema = z.object({ token: z.string().min(20).max(200) });
