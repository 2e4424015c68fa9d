import type { ApiApp, ApiContext } from '../context.js';
import { registerControlRoutes } from './actions/register-control-routes.js';
import { registerAlertRoutes } from './alerting/alerts/register-alert-routes.js';
import { registerChannelRoutes } from './alerting/channels/register-channel-routes.js';
import { registerMuteWindowRoutes } from './alerting/mute-windows/register-mute-window-routes.js';
import { registerListNotifications } from './alerting/notifications/list-notifications.js';
import { registerRuleRoutes } from './alerting/rules/register-rule-routes.js';
import { registerSilenceRoutes } from './alerting/silences/register-silence-routes.js';

import { registerExecRoutes } from './exec/register-exec-routes.js';
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
  registerRuleRoutes(app, ctx);
  registerAlertRoutes(app, ctx);
  registerListNotifications(app, ctx);
  registerSilenceRoutes(app, ctx);
  registerMuteWindowRoutes(app, ctx);

  registerExecRoutes(app, ctx);
  registerInstallRoutes(app, ctx);
  registerMetricsExportRoutes(app, ctx);
  registerHealth(app, ctx);
}
