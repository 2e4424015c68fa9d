import { z } from 'zod';
import { ZEmailSchema } from './identity.js';
import { pageSchema, ZPageQuerySchema } from './paging.js';
import { ZIsoDateSchema, ZUuidSchema } from './primitives.js';
import { ZRoleSchema } from './roles.js';

/** Members of an organisation and the invites that add them. */
export const ZMemberSchema = z.object({
  userId: ZUuidSchema,
  email: z.string(),
  name: z.string().nullable(),
  role: ZRoleSchema,
  joinedAt: ZIsoDateSchema,
});
export type Member = z.infer<typeof ZMemberSchema>;
export const ZMemberPageSchema = pageSchema(ZMemberSchema);

export const ZChangeRoleSchema = z.object({ role: ZRoleSchema });
export const ZChangedRoleSchema = z.object({ userId: ZUuidSchema, role: ZRoleSchema });

export const INVITE_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;

export const ZInviteSchema = z.object({
  id: ZUuidSchema,
  email: z.string(),
  role: ZRoleSchema,
  status: z.enum(INVITE_STATUSES),
  invitedBy: ZUuidSchema.nullable(),
  createdAt: ZIsoDateSchema,
  expiresAt: ZIsoDateSchema,
  acceptedAt: ZIsoDateSchema.nullable(),
  revokedAt: ZIsoDateSchema.nullable(),
});
export type OrgInvite = z.infer<typeof ZInviteSchema>;
export const ZInvitePageSchema = pageSchema(ZInviteSchema);

export const ZInviteQuerySchema = ZPageQuerySchema.extend({
  status: z.enum(['pending', 'all']).default('all'),
});

export const ZNewInviteSchema = z.object({
  email: ZEmailSchema,
  role: ZRoleSchema,
  /** How long the link works: 1 hour to 30 days, 72 hours by default. */
  expiresInHours: z.int().min(1).max(720).default(72),
});
export type NewInvite = z.input<typeof ZNewInviteSchema>;

export const ZCreatedInviteSchema = z.object({ invite: ZInviteSchema, url: z.url(), mailed: z.boolean() });
export type CreatedInvite = z.infer<typeof ZCreatedInviteSchema>;

export const ZInviteTokenSchema = z.object({ token: z.string().min(20).max(200) });
export const ZInviteParamsSchema = z.object({ inviteId: ZUuidSchema });

/** What an invite link offers (the console's invite page, before sign-in). */
export const ZInviteOfferSchema = z.object({
  orgName: z.string(),
  email: z.string(),
  role: ZRoleSchema,
  status: z.enum(INVITE_STATUSES),
  expiresAt: ZIsoDateSchema,
});
export type InviteOffer = z.infer<typeof ZInviteOfferSchema>;

export const ZAcceptedInviteSchema = z.object({ orgId: ZUuidSchema, orgName: z.string(), role: ZRoleSchema });
export type AcceptedInvite = z.infer<typeof ZAcceptedInviteSchema>;
