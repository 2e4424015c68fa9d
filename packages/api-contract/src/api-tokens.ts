import { z } from 'zod';
import { pageSchema } from './paging.js';
import { ZIsoDateSchema, ZUuidSchema } from './primitives.js';
import { ZRoleSchema } from './roles.js';

/** API tokens, for scripts and CI. */
export const ZApiTokenSchema = z.object({
  id: ZUuidSchema,
  name: z.string(),
  /** The secret's first characters, to recognise it; the secret itself is shown only once. */
  prefix: z.string(),
  role: ZRoleSchema,
  createdBy: ZUuidSchema.nullable(),
  createdAt: ZIsoDateSchema,
  expiresAt: ZIsoDateSchema.nullable(),
  lastUsedAt: ZIsoDateSchema.nullable(),
  revokedAt: ZIsoDateSchema.nullable(),
});
export type ApiToken = z.infer<typeof ZApiTokenSchema>;
export const ZApiTokenPageSchema = pageSchema(ZApiTokenSchema);

export const ZNewApiTokenSchema = z.object({
  name: z.string().trim().min(1).max(100),
  /** At most the creator's own role. */
  role: ZRoleSchema,
  expiresAt: z.iso.datetime().optional(),
});
export type NewApiToken = z.input<typeof ZNewApiTokenSchema>;

export const ZCreatedApiTokenSchema = z.object({ token: ZApiTokenSchema, secret: z.string() });
export type CreatedApiToken = z.infer<typeof ZCreatedApiTokenSchema>;

export const ZApiTokenParamsSchema = z.object({ tokenId: ZUuidSchema });
