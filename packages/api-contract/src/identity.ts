import { z } from 'zod';
import { pageSchema } from './paging.js';
import { ZIsoDateSchema, ZUuidSchema } from './primitives.js';
import { ZRoleSchema } from './roles.js';

/** Users, memberships and the caller: shapes shared by sign-in, sign-up and `/me`. */
export const ZEmailSchema = z
  .email()
  .max(254)
  .transform((email) => email.toLowerCase());

/** Long passphrases welcome; the cap keeps argon2 input bounded. */
export const ZPasswordSchema = z.string().min(12, 'at least 12 characters').max(200);

export const ZMembershipSchema = z.object({
  orgId: ZUuidSchema,
  orgName: z.string(),
  orgSlug: z.string(),
  role: ZRoleSchema,
});
export type Membership = z.infer<typeof ZMembershipSchema>;
export const ZMembershipPageSchema = pageSchema(ZMembershipSchema);

export const ZUserSchema = z.object({ id: ZUuidSchema, email: z.string(), name: z.string().nullable() });
export type BerthUser = z.infer<typeof ZUserSchema>;

/** Who signed in (what the console's Auth.js Credentials provider keeps). */
export const ZSignedInUserSchema = z.object({ user: ZUserSchema, memberships: z.array(ZMembershipSchema) });
export type SignedInUser = z.infer<typeof ZSignedInUserSchema>;

export const ZUserIdParamsSchema = z.object({ userId: ZUuidSchema });

/** GET /api/v1/me: the caller, the org in effect and every membership (org switcher). */
export const ZMeSchema = z.object({
  kind: z.enum(['user', 'token']),
  userId: ZUuidSchema.nullable(),
  org: z.object({ id: ZUuidSchema, role: ZRoleSchema }).nullable(),
  memberships: z.array(ZMembershipSchema),
});
export type Me = z.infer<typeof ZMeSchema>;

export const ZNewOrgSchema = z.object({ name: z.string().trim().min(1).max(100) });
export const ZOrgSchema = z.object({ id: ZUuidSchema, name: z.string(), slug: z.string() });
export type Org = z.infer<typeof ZOrgSchema>;

export const ZSessionSchema = z.object({
  id: z.string(),
  /** The session of the request that listed them (this browser). */
  current: z.boolean(),
  createdAt: ZIsoDateSchema,
  lastSeenAt: ZIsoDateSchema,
  expiresAt: ZIsoDateSchema,
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
});
export type UserSession = z.infer<typeof ZSessionSchema>;
export const ZSessionPageSchema = pageSchema(ZSessionSchema);
export const ZSessionParamsSchema = z.object({ sessionId: z.string().min(20).max(100) });
export const ZRevokedSessionsSchema = z.object({ revoked: z.int() });

export const ZChangePasswordSchema = z.object({
  /** Required when the account has a password (not for accounts made by single sign-on). */
  currentPassword: z.string().min(1).max(200).optional(),
  newPassword: ZPasswordSchema,
});
export type ChangePassword = z.infer<typeof ZChangePasswordSchema>;
