import { z } from 'zod';

/** Shapes shared by many requests and responses of /api/v1. */
export const ZUuidSchema = z.uuid();
export const ZHostIdSchema = ZUuidSchema;
/** Docker's 12-character short id (the container's key on its host). */
export const ZContainerIdSchema = z
  .string()
  .regex(/^[0-9a-f]{12}$/, 'expected a 12-character short container id');

export const ZHostParamsSchema = z.object({ hostId: ZHostIdSchema });
export const ZContainerParamsSchema = z.object({ hostId: ZHostIdSchema, containerId: ZContainerIdSchema });

/** A timestamp a caller sends (ISO-8601 with Z). */
export const ZIsoInstantSchema = z.iso.datetime({ message: 'expected an ISO-8601 timestamp with Z' });
/** A timestamp the API answers with (ISO-8601 with Z). */
export const ZIsoDateSchema = z.iso.datetime();

/** `?flag=1` style booleans. */
export const ZFlagSchema = z
  .enum(['0', '1', 'true', 'false'])
  .optional()
  .transform((value) => value === '1' || value === 'true');

/** A repeatable query parameter (`?state=running&state=paused`), also accepted comma-separated. */
export function listParam<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => (value === undefined ? [] : [value].flat().flatMap((v) => v.split(','))))
    .pipe(z.array(z.enum(values)).max(20));
}

export const ZLabelKeySchema = z
  .string()
  .regex(
    /^[A-Za-z0-9]([A-Za-z0-9._/-]{0,61}[A-Za-z0-9])?$/,
    'letters, digits and . _ / - (1–63, alphanumeric ends)',
  );

/** Labels a user sets (hosts, enrolment tokens): at most 32, keys like Kubernetes', values ≤ 255. */
export const ZLabelsSchema = z
  .record(ZLabelKeySchema, z.string().max(255))
  .refine((labels) => Object.keys(labels).length <= 32, 'at most 32 labels');

/** `key=value` (that value) or `key` (any value); keys as Docker allows them, so no strict pattern. */
export const ZLabelSelectorSchema = z
  .string()
  .min(1)
  .max(512)
  .transform((selector) => {
    const at = selector.indexOf('=');
    return at < 0 ? { key: selector } : { key: selector.slice(0, at), value: selector.slice(at + 1) };
  })
  .refine((match) => match.key.length > 0, 'expected key=value or key');

/** Repeatable `?label=key=value` (not comma-split: values may contain commas). */
export const ZLabelSelectorsSchema = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : [value].flat()))
  .pipe(z.array(ZLabelSelectorSchema).max(10));

export const ZLabelsResponseSchema = z.record(z.string(), z.string());
