import { z } from 'zod';
import { ZLabelSelectorsSchema, ZUuidSchema } from './primitives.js';

/**
 * `GET /api/v1/metrics/prometheus`: the organisation's latest readings in the Prometheus text
 * format (docs/prometheus.md). The filters let a large organisation split its scrape into
 * shards (one scrape job each): every filter given must match.
 */
export const ZPrometheusQuerySchema = z.object({
  /** `key=value` or `key` on the host's labels; repeatable (all must match). */
  host_label: ZLabelSelectorsSchema,
  /** A container group, by id or name; repeatable: members of any of them. */
  group: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => (value === undefined ? [] : [value].flat()))
    .pipe(z.array(z.string().min(1).max(100)).max(20)),
  /** One host by id. */
  host: ZUuidSchema.optional(),
});
export type PrometheusQuery = z.infer<typeof ZPrometheusQuerySchema>;

/** The exposition itself (text/plain; version=0.0.4, or OpenMetrics 1.0 when asked for). */
export const ZPrometheusExpositionSchema = z.string().describe('Prometheus text exposition format');

/** Details of the 422 answer past the organisation's series cap. */
export const ZPrometheusCapDetailsSchema = z.object({
  cap: z.number().int(),
  series: z.number().int(),
  hint: z.string(),
});
export type PrometheusCapDetails = z.infer<typeof ZPrometheusCapDetailsSchema>;
