import { z } from 'zod';
import {
  ZEmailSchema,
  ZMembershipSchema,
  ZPasswordSchema,
  ZSignedInUserSchema,
  ZUserSchema,
} from './identity.js';
import { ZIsoDateSchema, ZUuidSchema } from './primitives.js';

/** Sign-up, sign-in, password reset and the console back end's signed calls. */
export const ZSignUpSchema = z.object({
  email: ZEmailSchema,
  password: ZPasswordSchema,
  name: z.string().trim().min(1).max(100).optional(),
  /** The new organisation's name (ignored when joining by invite). */
  orgName: z.string().trim().min(1).max(100).optional(),
  /** The secret of an invite link addressed to `email`: join that organisation instead. */
  inviteToken: z.string().min(20).max(200).optional(),
});
export type SignUpInput = z.input<typeof ZSignUpSchema>;

export const ZDeviceTokenSchema = z.string().regex(/^berth_device_[A-Za-z0-9_-]{43}$/, 'not a device token');

export const ZSignInSchema = z.object({
  email: ZEmailSchema,
  password: z.string().min(1).max(200),
  /** The browser's device token from an earlier sign-in (the console's `berth-device` cookie). */
  device: ZDeviceTokenSchema.optional(),
});

/** A sign-in device token for a browser (the console keeps it in the `berth-device` cookie). */
export const ZDeviceSchema = z.object({ token: z.string(), expiresAt: ZIsoDateSchema });
export type Device = z.infer<typeof ZDeviceSchema>;

export const ZPasswordSignInSchema = ZSignedInUserSchema.extend({ device: ZDeviceSchema });
export type PasswordSignIn = z.infer<typeof ZPasswordSignInSchema>;

export const ZSignInUnlockSchema = z.object({ token: z.string().regex(/^berth_unlock_[A-Za-z0-9_-]{43}$/) });
export const ZUnlockedSignInSchema = z.object({ email: z.string(), device: ZDeviceSchema });
export type UnlockedSignIn = z.infer<typeof ZUnlockedSignInSchema>;

export const ZPasswordResetRequestSchema = z.object({ email: ZEmailSchema });
export const ZPasswordResetAcceptedSchema = z.object({ accepted: z.literal(true) });

export const ZPasswordResetSchema = z.object({
  token: z.string().min(20).max(200),
  password: ZPasswordSchema,
});

export const ZOidcLinkSchema = z.object({
  email: ZEmailSchema,
  /** Only e-mails the provider has verified may be linked. */
  emailVerified: z.literal(true),
  name: z.string().trim().min(1).max(100).optional(),
  /** The provider's issuer URL and its stable id for the person (the ID token's `iss`, `sub`). */
  issuer: z.url().max(500),
  subject: z.string().min(1).max(255),
  /** The Auth.js provider id, for the audit log. */
  provider: z.string().min(1).max(50),
});
export type OidcLink = z.input<typeof ZOidcLinkSchema>;

export const ZOidcLinkedSchema = z.object({
  user: ZUserSchema,
  memberships: z.array(ZMembershipSchema),
  outcome: z.enum(['linked', 'created']),
  joinedOrgIds: z.array(ZUuidSchema),
});

export const ZNewSessionSchema = z.object({
  userId: ZUuidSchema,
  /** The browser's, as the console saw them (the address as the console resolved it under TRUST_PROXY). */
  userAgent: z.string().max(2000).optional(),
  ip: z.union([z.ipv4(), z.ipv6()]).optional(),
  /** When the console's JWT expires (default 30 days). */
  expiresAt: z.iso.datetime().optional(),
});
export type NewSession = z.input<typeof ZNewSessionSchema>;

export const ZCreatedSessionSchema = z.object({ sessionId: z.string(), expiresAt: ZIsoDateSchema });
