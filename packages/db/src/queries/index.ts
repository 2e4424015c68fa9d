// SQL that Prisma cannot express for the fleet queries (time series, keyset pages, rollups);
// every function runs inside the caller's tenant transaction (withOrg) and takes the org id.

export type {
  HistoryCheckRun,
  HistoryContainer,
  HistoryContainerSample,
  HistoryEvent,
  HistoryHost,
  HistoryHostSample,
  HistoryLogMatch,
  HistoryResolution,
  HistoryWindow,
} from './alert-history.js';
export {
  countContainerSamples,
  countHostSamples,
  historyContainers,
  historyHosts,
  readCheckRuns,
  readContainerEvents,
  readContainerSamples,
  readHostSamples,
  readLogMatches,
} from './alert-history.js';
export type {
  PreviewCheckRow,
  PreviewContainerRow,
  PreviewHostRow,
  PreviewScope,
  PreviewTarget,
} from './alerts-preview.js';
export { previewRuleChecks, previewRuleContainers, previewRuleHosts } from './alerts-preview.js';
export type { AutohealPolicyRow, AutohealSettings } from './autoheal-policies.js';
export {
  deleteAutohealPolicy,
  getAutohealPolicy,
  insertAutohealPolicy,
  listAutohealPolicies,
  updateAutohealPolicy,
} from './autoheal-policies.js';
export type { CheckDefinitionRow } from './check-definitions.js';
export {
  deleteCheckDefinition,
  getCheckDefinition,
  hostsReachedBy,
  insertCheckDefinition,
  listCheckDefinitions,
  updateCheckDefinition,
} from './check-definitions.js';
export type { CheckSeries, CheckSeriesTarget } from './check-series.js';
export { checkSeriesSql, queryCheckSeries } from './check-series.js';
export type {
  CheckFailureQuery,
  CheckFailureRow,
  CheckListQuery,
  CheckResultQuery,
  CheckResultRow,
  CheckRow,
} from './checks.js';
export { checkListSql, latestRunCtes, listChecks, queryCheckFailures, queryCheckResults } from './checks.js';
export type { EventKey, EventQuery, EventRow } from './container-events.js';
export { containerEventsSql, queryContainerEvents } from './container-events.js';
export type { GroupChip, GroupMemberRow } from './container-groups.js';
export { countGroupMembers, listGroupMembers } from './container-groups.js';
export type { LogKey, LogQuery, LogRow } from './container-logs.js';
export { containerLogsSql, queryContainerLogs } from './container-logs.js';
export type { ContainerSeries, ContainerSeriesTarget } from './container-series.js';
export { containerSeriesSql, queryContainerSeries } from './container-series.js';
export type { DeletedHostRows } from './delete-host-data.js';
export { deleteHostData } from './delete-host-data.js';
export type { FleetOverviewRow, TopContainerRow } from './fleet-overview.js';
export { fleetOverviewSql, queryFleetOverview } from './fleet-overview.js';
export type { ContainerDetailRow, ContainerSampleRow } from './get-container.js';
export { containerExists, getContainer } from './get-container.js';
export type { HostConfigState, HostTarget } from './get-host.js';
export { getHost, getHostConfigState } from './get-host.js';
export type { ContainerCounts, HostRow, HostSampleRow } from './host-rows.js';
export type { HostSeries, HostSeriesTarget } from './host-series.js';
export { hostSeriesSql, queryHostSeries } from './host-series.js';
export type { ImageUpdateRow } from './image-updates.js';
export {
  listImageUpdates,
  readImageUpdateSettings,
  scheduleImageChecks,
  writeImageUpdateSettings,
} from './image-updates.js';
export type {
  ContainerFilters,
  ContainerListQuery,
  ContainerListRow,
  ContainerSort,
  KeyType,
  SortOrder,
} from './list-containers.js';
export { CONTAINER_SORT_KEY_TYPES, listContainers, listContainersSql } from './list-containers.js';
export type { HostListQuery, HostStatusFilter } from './list-hosts.js';
export { listHosts, listHostsSql } from './list-hosts.js';
export type { NotificationQuery, NotificationRow } from './list-notifications.js';
export { listNotifications } from './list-notifications.js';
export type {
  PrometheusCheckRow,
  PrometheusContainerRow,
  PrometheusCounts,
  PrometheusHostRow,
  PrometheusRuleRow,
  PrometheusSelection,
  PrometheusUpdateRow,
} from './prometheus-readings.js';
export {
  countPrometheusContainers,
  prometheusContainersSql,
  queryPrometheusAlertRules,
  queryPrometheusChecks,
  queryPrometheusContainers,
  queryPrometheusHosts,
  queryPrometheusUpdates,
} from './prometheus-readings.js';
export type { RegistryCredentialRow } from './registry-credentials.js';
export {
  deleteRegistryCredential,
  insertRegistryCredential,
  listRegistryCredentials,
} from './registry-credentials.js';
export type { Resolution, SeriesWindow } from './series-sql.js';
export type { HostScope, LabelMatch } from './sql-helpers.js';
export { containsPattern } from './sql-helpers.js';
export type { ContainerPolicyRules, UpdatePolicyKey, UpdatePolicyRow } from './update-policies.js';
export {
  deleteUpdatePolicy,
  listUpdatePolicies,
  loadContainerPolicyRules,
  setUpdatePolicy,
} from './update-policies.js';
