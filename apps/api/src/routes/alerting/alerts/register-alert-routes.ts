import type { ApiApp, ApiContext } from '../../../context.js';
import { registerAcknowledgeAlert, registerUnacknowledgeAlert } from './acknowledge-alert.js';
import { registerCountAlerts } from './count-alerts.js';
import { registerCountAlertsByHost } from './count-alerts-by-host.js';
import { registerGetAlert } from './get-alert.js';
import { registerListAlerts } from './list-alerts.js';

/**
 * /api/v1/alerts: what the evaluator found. Everyone reads alerts of hosts they may see;
 * operators and up acknowledge. The evaluator (apps/alerter) writes state; the API never does.
 */
export function registerAlertRoutes(app: ApiApp, ctx: ApiContext): void {
  registerListAlerts(app, ctx);
  registerCountAlerts(app, ctx);
  registerCountAlertsByHost(app, ctx);
  registerGetAlert(app, ctx);
  registerAcknowledgeAlert(app, ctx);
  registerUnacknowledgeAlert(app, ctx);
}
