import { CHECK_KINDS, HTTP_METHODS } from '@berth/protocol';
import { z } from 'zod';
import { ZContainerNameSchema } from './container-groups.js';
import { ZIsoDateSchema, ZUuidSchema } from './primitives.js';

/**
 * Health checks defined in the API / console (issue 16, docs/checks.md), pushed by the gateway to
 * the agent of every host they reach. A definition targets one container (host + container name)
 * or a container group; its runs are stored under host + container name + check name, the same
 * series a label check of that name would have. The limits are the protocol's (`ZCheckSpecSchema`
 * in @berth/protocol), so whatever the API accepts the agent accepts.
 */

export const ZCheckDefinitionNameSchema = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,62}$/,
    'a check name: lowercase letters, digits, "-" and "_", at most 63, starting with a letter or digit',
  );

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/;

const ZKeywordSchema = z.object({
  mode: z.enum(['contains', 'absent', 'regex']),
  value: z.string().min(1, 'a keyword').max(500),
  caseSensitive: z.boolean().default(true),
});

export const ZHttpCheckOptionsSchema = z.object({
  method: z.enum(HTTP_METHODS).default('GET'),
  headers: z
    .record(
      z.string().regex(HEADER_NAME, 'an HTTP header name'),
      z.string().max(4096, 'at most 4096 characters'),
    )
    .refine((headers) => Object.keys(headers).length <= 20, 'at most 20 headers')
    .default({}),
  /** Inclusive range of statuses that count as up. */
  expectStatus: z
    .object({ min: z.int().min(100).max(599), max: z.int().min(100).max(599) })
    .refine((range) => range.min <= range.max, { message: 'min must not exceed max', path: ['max'] })
    .default({ min: 200, max: 299 }),
  keyword: ZKeywordSchema.optional(),
  /** Slower runs are up but `slow`. */
  maxLatencyMs: z.int().min(1).max(60_000).optional(),
  followRedirects: z.boolean().default(true),
  skipTlsVerify: z.boolean().default(false),
  /** Warn this many days before the certificate expires (0: never). */
  certExpiryWarnDays: z.int().min(0).max(365).default(14),
});

/**
 * What the check does. `target` may be templated on the container: `{{ip}}`, `{{port:8080}}`,
 * `{{host_port:8080}}` (docs/checks.md). http: an http:// or https:// URL; tcp: `host:port`.
 */
export const ZCheckDefinitionSpecSchema = z
  .object({
    kind: z.enum(CHECK_KINDS),
    target: z.string().trim().min(1, 'a target').max(2048),
    intervalS: z.int().min(10, 'at least 10 seconds').max(86_400).default(30),
    timeoutMs: z.int().min(100).max(60_000).default(10_000),
    /** Failures in a row that are only `pending` before the check is `down`. */
    retries: z.int().min(0).max(10).default(1),
    http: ZHttpCheckOptionsSchema.optional(),
  })
  .superRefine((spec, ctx) => {
    if (spec.kind === 'http' && !/^https?:\/\//i.test(spec.target))
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'expected an http:// or https:// URL' });
    if (spec.kind === 'tcp' && !/^\S+:\S+$/.test(spec.target))
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'expected host:port' });
    if (spec.kind === 'tcp' && spec.http)
      ctx.addIssue({ code: 'custom', path: ['http'], message: 'applies to http checks only' });
    const keyword = spec.http?.keyword;
    if (keyword?.mode === 'regex') {
      try {
        new RegExp(keyword.value);
      } catch {
        ctx.addIssue({
          code: 'custom',
          path: ['http', 'keyword', 'value'],
          message: 'expected a valid JavaScript regular expression',
        });
      }
    }
  })
  .transform((spec) =>
    // An http check always carries its options (the agent needs every field), defaults filled.
    spec.kind === 'http' ? { ...spec, http: spec.http ?? ZHttpCheckOptionsSchema.parse({}) } : spec,
  );
export type CheckDefinitionSpec = z.output<typeof ZCheckDefinitionSpecSchema>;
export type CheckDefinitionSpecInput = z.input<typeof ZCheckDefinitionSpecSchema>;

/** A stored spec as the API answers it (the request's defaults filled in). */
export const ZCheckDefinitionSpecViewSchema = z.object({
  kind: z.enum(CHECK_KINDS),
  target: z.string(),
  intervalS: z.int(),
  timeoutMs: z.int(),
  retries: z.int(),
  http: z
    .object({
      method: z.enum(HTTP_METHODS),
      headers: z.record(z.string(), z.string()),
      expectStatus: z.object({ min: z.int(), max: z.int() }),
      keyword: z
        .object({
          mode: z.enum(['contains', 'absent', 'regex']),
          value: z.string(),
          caseSensitive: z.boolean(),
        })
        .optional(),
      maxLatencyMs: z.int().optional(),
      followRedirects: z.boolean(),
      skipTlsVerify: z.boolean(),
      certExpiryWarnDays: z.int(),
    })
    .optional(),
});

export const ZCheckDefinitionSchema = z.object({
  id: ZUuidSchema,
  hostId: ZUuidSchema.nullable(),
  containerName: z.string().nullable(),
  groupId: ZUuidSchema.nullable(),
  name: z.string(),
  spec: ZCheckDefinitionSpecViewSchema,
  enabled: z.boolean(),
  /** Bumped on every change (the agent restarts the check on a new revision). */
  revision: z.int(),
  createdBy: ZUuidSchema.nullable(),
  createdAt: ZIsoDateSchema,
  updatedAt: ZIsoDateSchema,
});
export type CheckDefinition = z.infer<typeof ZCheckDefinitionSchema>;

export const ZCheckDefinitionListSchema = z.object({ items: z.array(ZCheckDefinitionSchema) });

/** Filters of the list: one container's, one group's, or every definition the caller may see. */
export const ZListCheckDefinitionsQuerySchema = z.object({
  hostId: ZUuidSchema.optional(),
  containerName: ZContainerNameSchema.optional(),
  groupId: ZUuidSchema.optional(),
});
export type ListCheckDefinitionsQuery = z.infer<typeof ZListCheckDefinitionsQuerySchema>;

/** A new definition: a target (host + container name, or group), a name and the check. */
export const ZNewCheckDefinitionSchema = z
  .object({
    hostId: ZUuidSchema.optional(),
    containerName: ZContainerNameSchema.optional(),
    groupId: ZUuidSchema.optional(),
    name: ZCheckDefinitionNameSchema,
    spec: ZCheckDefinitionSpecSchema,
    enabled: z.boolean().default(true),
  })
  .superRefine((input, ctx) => {
    const container = input.hostId !== undefined || input.containerName !== undefined;
    if (container && input.groupId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['groupId'], message: 'give hostId + containerName, or groupId' });
    } else if (!container && input.groupId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['groupId'], message: 'give hostId + containerName, or groupId' });
    } else if (container && input.hostId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['hostId'], message: 'the host of containerName' });
    } else if (container && input.containerName === undefined) {
      ctx.addIssue({ code: 'custom', path: ['containerName'], message: 'the container on hostId' });
    }
  });
export type NewCheckDefinition = z.input<typeof ZNewCheckDefinitionSchema>;

/** A change: the check and/or whether it runs (the target and name stay: delete and add instead). */
export const ZCheckDefinitionChangeSchema = z
  .object({ spec: ZCheckDefinitionSpecSchema.optional(), enabled: z.boolean().optional() })
  .strict()
  .refine((change) => change.spec !== undefined || change.enabled !== undefined, 'nothing to change');
export type CheckDefinitionChange = z.input<typeof ZCheckDefinitionChangeSchema>;

export const ZCheckDefinitionParamsSchema = z.object({ definitionId: ZUuidSchema });
