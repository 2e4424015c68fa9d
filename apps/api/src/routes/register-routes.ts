import type { ApiApp, ApiContext } from '../context.js';
import { registerControlRoutes } from './actions/register-control-routes.js';
import { registerChannelRoutes } from './alerting/channels/register-channel-routes.js';
import { registerFleetRoutes } from './fleet/register-fleet-routes.js';
import { registerGetMe } from './get-me.js';
import { registerIdentityRoutes } from './identity/register-identity-routes.js';
import { registerInstallRoutes } from './install/register-install-routes.js';
import { registerMetricsExportRoutes } from './metrics-export/register-metrics-export-routes.js';
import { registerHealth } from './register-health.js';

/** Every route of the API, by area; each file registers one operation. */
export function registerRoutes(app: ApiApp, ctx: ApiContext): void {
  registerGetMe(app);
  registerIdentityRoutes(app, ctx);
  registerFleetRoutes(app, ctx);
  registerControlRoutes(app, ctx);
  registerChannelRoutes(app, ctx);
  registerInstallRoutes(app, ctx);
  registerMetricsExportRoutes(app, ctx);
  registerHealth(app, ctx);
}
