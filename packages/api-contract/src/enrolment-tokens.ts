import { z } from 'zod';
import { pageSchema, ZPageQuerySchema } from './paging.js';
import {
  ZIsoDateSchema,
  ZIsoInstantSchema,
  ZLabelsResponseSchema,
  ZLabelsSchema,
  ZUuidSchema,
} from './primitives.js';

const DAY = 86_400_000;

export const ZCreateEnrolmentTokenSchema = z.object({
  name: z.string().trim().min(1).max(100),
  /** Default: 7 days from now; at most a year ahead. */
  expiresAt: ZIsoInstantSchema.refine((value) => Date.parse(value) > Date.now(), 'must be in the future')
    .refine((value) => Date.parse(value) <= Date.now() + 366 * DAY, 'at most a year ahead')
    .optional(),
  /** How many hosts may enrol with it; null or absent: no limit until it expires. */
  maxUses: z.int().min(1).max(100_000).nullable().optional(),
  /** Applied to every host that enrols with the token. */
  labels: ZLabelsSchema.default({}),
});
export type CreateEnrolmentToken = z.infer<typeof ZCreateEnrolmentTokenSchema>;
/** What a caller sends (defaults not yet applied). */
export type NewEnrolmentToken = z.input<typeof ZCreateEnrolmentTokenSchema>;

export const ZEnrolmentTokenSchema = z.object({
  id: ZUuidSchema,
  name: z.string(),
  /** The secret's first characters, to recognise it; the secret itself is shown only once. */
  prefix: z.string(),
  labels: ZLabelsResponseSchema,
  maxUses: z.number().nullable(),
  uses: z.number(),
  status: z.enum(['active', 'expired', 'revoked', 'exhausted']),
  expiresAt: ZIsoDateSchema,
  revokedAt: ZIsoDateSchema.nullable(),
  createdAt: ZIsoDateSchema,
  createdBy: ZUuidSchema.nullable(),
});
export type EnrolmentToken = z.infer<typeof ZEnrolmentTokenSchema>;
export const ZEnrolmentTokenPageSchema = pageSchema(ZEnrolmentTokenSchema);
export const ZListEnrolmentTokensQuerySchema = ZPageQuerySchema;

export const ZCreatedEnrolmentTokenSchema = z.object({
  token: ZEnrolmentTokenSchema,
  /** Shown once; only its hash is stored. */
  secret: z.string(),
  /** `curl -fsSL <publicUrl>/install.sh | sh -s -- --token <secret> --server <gatewayUrl>` */
  installCommand: z.string(),
});
export type CreatedEnrolmentToken = z.infer<typeof ZCreatedEnrolmentTokenSchema>;

export const ZTokenParamsSchema = z.object({ tokenId: ZUuidSchema });
