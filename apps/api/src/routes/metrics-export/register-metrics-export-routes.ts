import type { ApiApp, ApiContext } from '../../context.js';
import { registerGetPrometheusMetrics } from './get-prometheus-metrics.js';

/** The organisation's readings for outside monitoring systems. */
export function registerMetricsExportRoutes(app: ApiApp, ctx: ApiContext): void {
  registerGetPrometheusMetrics(app, ctx);
}
