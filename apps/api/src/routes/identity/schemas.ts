import { z } from 'zod';

/** Shapes shared by the identity routes' requests and responses. */
export const ZRoleSchema = z.enum(['owner', 'admin', 'operator', 'viewer']);

export const ZEmailSchema = z
  .email()
  .max(254)
  .transform((email) => email.toLowerCase());

/** Long passphrases welcome; the cap keeps argon2 input bounded. */
export const ZPasswordSchema = z.string().min(12, 'at least 12 characters').max(200);

export const ZMembershipSchema = z.object({
  orgId: z.uuid(),
  orgName: z.string(),
  orgSlug: z.string(),
  role: ZRoleSchema,
});

export const ZUserSchema = z.object({ id: z.uuid(), email: z.string(), name: z.string().nullable() });

/** Who signed in (what the console's Auth.js Credentials provider keeps). */
export const ZSignedInUserSchema = z.object({ user: ZUserSchema, memberships: z.array(ZMembershipSchema) });

export const ZErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export const ZIsoDateSchema = z.iso.datetime();

/** 204 responses carry no body. */
export const ZNoContentSchema = z.null().describe('No content');

/** The error answers an identity route may give, for the OpenAPI document. */
export const errorResponses = {
  400: ZErrorSchema,
  401: ZErrorSchema,
  403: ZErrorSchema,
  404: ZErrorSchema,
  409: ZErrorSchema,
  410: ZErrorSchema,
  429: ZErrorSchema,
} as const;

export const ZUserIdParamsSchema = z.object({ userId: z.uuid() });
