import type { ApiApp, ApiContext } from '../../context.js';
import { registerStreamEvents } from '../live/stream-events.js';
import { registerApplyBulkUpdates } from '../updates/apply-bulk-updates.js';
import { registerRequestContainerUpdate } from '../updates/request-container-update.js';
import { registerGetAction } from './get-action.js';
import { registerListActions } from './list-actions.js';
import { registerRequestContainerAction } from './request-container-action.js';
import { registerRequestHostAction } from './request-host-action.js';

/** The control plane: actions, container updates and the live event stream (live logs are `…/logs?follow=1`). */
export function registerControlRoutes(app: ApiApp, ctx: ApiContext): void {
  registerRequestContainerAction(app, ctx);
  registerRequestHostAction(app, ctx);
  registerRequestContainerUpdate(app, ctx);
  registerApplyBulkUpdates(app, ctx);
  registerGetAction(app, ctx);
  registerListActions(app, ctx);
  registerStreamEvents(app, ctx);
}
