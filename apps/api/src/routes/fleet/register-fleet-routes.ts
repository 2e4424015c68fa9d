import type { ApiApp, ApiContext, RouteInfo } from '../../context.js';
import { registerAutoUpdates } from '../updates/auto-updates.js';
import { registerDeleteUpdatePolicy } from '../updates/delete-update-policy.js';
import { registerGetContainerUpdatePolicy } from '../updates/get-container-update-policy.js';
import { registerListUpdatePolicies } from '../updates/list-update-policies.js';
import { registerSetUpdatePolicy } from '../updates/set-update-policy.js';
import {
  registerCreateAutohealPolicy,
  registerDeleteAutohealPolicy,
  registerListAutohealPolicies,
  registerUpdateAutohealPolicy,
} from './autoheal-policies/register-autoheal-policy-routes.js';
import { registerCreateCheckDefinition } from './check-definitions/create-check-definition.js';
import { registerDeleteCheckDefinition } from './check-definitions/delete-check-definition.js';
import { registerListCheckDefinitions } from './check-definitions/list-check-definitions.js';
import { registerUpdateCheckDefinition } from './check-definitions/update-check-definition.js';
import { registerGetCheckFailures } from './checks/get-check-failures.js';
import { registerGetCheckResults } from './checks/get-check-results.js';
import { registerGetCheckSeries } from './checks/get-check-series.js';
import { registerListChecks } from './checks/list-checks.js';
import { registerAddContainerGroupMember } from './container-groups/add-container-group-member.js';
import { registerCreateContainerGroup } from './container-groups/create-container-group.js';
import { registerDeleteContainerGroup } from './container-groups/delete-container-group.js';
import { registerGetContainerGroup } from './container-groups/get-container-group.js';
import { registerListContainerGroups } from './container-groups/list-container-groups.js';
import { registerRemoveContainerGroupMember } from './container-groups/remove-container-group-member.js';
import { registerUpdateContainerGroup } from './container-groups/update-container-group.js';
import { registerGetContainer } from './containers/get-container.js';
import { registerGetContainerMetrics } from './containers/get-container-metrics.js';
import { registerListContainerLogs } from './containers/list-container-logs.js';
import { registerListContainers } from './containers/list-containers.js';
import { registerCreateEnrolmentToken } from './enrolment-tokens/create-enrolment-token.js';
import { registerListEnrolmentTokens } from './enrolment-tokens/list-enrolment-tokens.js';
import { registerRevokeEnrolmentToken } from './enrolment-tokens/revoke-enrolment-token.js';
import { registerListEvents } from './events/list-events.js';
import { registerDeleteHost } from './hosts/delete-host.js';
import { registerGetHost } from './hosts/get-host.js';
import { registerGetHostMetrics } from './hosts/get-host-metrics.js';
import { registerListHosts } from './hosts/list-hosts.js';
import { registerRenameHost } from './hosts/rename-host.js';
import { registerRevokeHost } from './hosts/revoke-host.js';
import { registerSetHostLabels } from './hosts/set-host-labels.js';
import { registerCheckImageUpdates } from './image-updates/check-image-updates.js';
import { registerImageUpdateSettings } from './image-updates/image-update-settings.js';
import { registerListImageUpdates } from './image-updates/list-image-updates.js';
import { registerGetOverview } from './overview/get-overview.js';
import {
  registerCreateRegistryCredential,
  registerDeleteRegistryCredential,
  registerListRegistryCredentials,
} from './registry-credentials/registry-credential-routes.js';

const registered = new WeakMap<ApiContext, RouteInfo[]>();

/** The routes this area registered (the role-matrix and cross-tenant tests walk them all). */
export function fleetRoutesOf(ctx: ApiContext): RouteInfo[] {
  return registered.get(ctx) ?? [];
}

/**
 * Hosts, enrolment tokens, containers, container groups, fleet queries (metrics, logs, events,
 * overview), checks, image updates and update policies.
 */
export function registerFleetRoutes(app: ApiApp, ctx: ApiContext): void {
  const before = ctx.routes.length;
  registerCreateEnrolmentToken(app, ctx);
  registerListEnrolmentTokens(app, ctx);
  registerRevokeEnrolmentToken(app, ctx);
  registerListHosts(app, ctx);
  registerGetHost(app, ctx);
  registerRenameHost(app, ctx);
  registerSetHostLabels(app, ctx);
  registerRevokeHost(app, ctx);
  registerDeleteHost(app, ctx);
  registerGetHostMetrics(app, ctx);
  registerListContainers(app, ctx);
  registerGetContainer(app, ctx);
  registerGetContainerMetrics(app, ctx);
  registerListContainerLogs(app, ctx);
  registerListContainerGroups(app, ctx);
  registerGetContainerGroup(app, ctx);
  registerCreateContainerGroup(app, ctx);
  registerUpdateContainerGroup(app, ctx);
  registerDeleteContainerGroup(app, ctx);
  registerAddContainerGroupMember(app, ctx);
  registerRemoveContainerGroupMember(app, ctx);
  registerListCheckDefinitions(app, ctx);
  registerCreateCheckDefinition(app, ctx);
  registerUpdateCheckDefinition(app, ctx);
  registerDeleteCheckDefinition(app, ctx);
  registerListAutohealPolicies(app, ctx);
  registerCreateAutohealPolicy(app, ctx);
  registerUpdateAutohealPolicy(app, ctx);
  registerDeleteAutohealPolicy(app, ctx);
  registerListEvents(app, ctx);
  registerGetOverview(app, ctx);
  registerListChecks(app, ctx);
  registerGetCheckResults(app, ctx);
  registerGetCheckSeries(app, ctx);
  registerGetCheckFailures(app, ctx);
  registerListImageUpdates(app, ctx);
  registerCheckImageUpdates(app, ctx);
  registerImageUpdateSettings(app, ctx);
  registerListRegistryCredentials(app, ctx);
  registerCreateRegistryCredential(app, ctx);
  registerDeleteRegistryCredential(app, ctx);
  registerListUpdatePolicies(app, ctx);
  registerSetUpdatePolicy(app, ctx);
  registerDeleteUpdatePolicy(app, ctx);
  registerGetContainerUpdatePolicy(app, ctx);
  registerAutoUpdates(app, ctx);
  registered.set(ctx, ctx.routes.slice(before));
}
