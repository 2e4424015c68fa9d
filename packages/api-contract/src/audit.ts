import { z } from 'zod';
import { pageSchema, ZPageQuerySchema } from './paging.js';
import { ZIsoDateSchema, ZUuidSchema } from './primitives.js';

export const ZAuditQuerySchema = ZPageQuerySchema.extend({
  /** Exact (`member.remove`) or a family (`member.*`). */
  action: z.string().max(100).optional(),
  actorUserId: ZUuidSchema.optional(),
  actorTokenId: ZUuidSchema.optional(),
  targetType: z.string().max(50).optional(),
  targetId: z.string().max(100).optional(),
  /** Inclusive. */
  from: z.iso.datetime().optional(),
  /** Exclusive. */
  to: z.iso.datetime().optional(),
});

export const ZAuditLogSchema = z.object({
  id: z.string(),
  /** `member.role_change`, `action.restart`, `enrolment_token.create`, … */
  action: z.string(),
  actorUserId: ZUuidSchema.nullable(),
  actorTokenId: ZUuidSchema.nullable(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  details: z.unknown(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: ZIsoDateSchema,
});
export type AuditEntry = z.infer<typeof ZAuditLogSchema>;
export const ZAuditLogPageSchema = pageSchema(ZAuditLogSchema);
