import { Readable } from 'node:stream';
import { ZErrorSchema, ZPrometheusExpositionSchema, ZPrometheusQuerySchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../context.js';
import { principalOf } from '../../plugins/access-control.js';
import { exportOrgMetrics } from '../../services/metrics-export/export-org-metrics.js';
import { CONTENT_TYPES, negotiateFormat } from '../../services/metrics-export/exposition-format.js';

/**
 * GET /api/v1/metrics/prometheus — the organisation's latest readings for a Prometheus scrape
 * (bearer API token of any role: it only reads). docs/prometheus.md has the metric mapping.
 */
export function registerGetPrometheusMetrics(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/metrics/prometheus',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Latest container and host readings in the Prometheus text format (OpenMetrics on request)',
        tags: ['metrics'],
        querystring: ZPrometheusQuerySchema,
        response: {
          200: {
            description: 'Prometheus text format 0.0.4, or OpenMetrics 1.0 when Accept asks for it',
            content: {
              [CONTENT_TYPES.prometheus]: { schema: ZPrometheusExpositionSchema },
              [CONTENT_TYPES.openmetrics]: { schema: ZPrometheusExpositionSchema },
            },
          },
          422: ZErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const format = negotiateFormat(request.headers.accept);
      const { chunks } = await exportOrgMetrics(ctx, principalOf(request), request.query, format);
      reply
        .header('content-type', CONTENT_TYPES[format])
        .header(
          'content-length',
          chunks.reduce((bytes, chunk) => bytes + chunk.length, 0),
        )
        .header('cache-control', 'no-store');
      // The UTF-8 chunks as they are (see ExpositionWriter), not copied into one buffer; the
      // route's schema types the body as the text it is, hence the cast.
      return reply.send(Readable.from(chunks) as unknown as string);
    },
  );
}
