/**
 * The contract of /api/v1: every request and response schema, the page and error shapes, the
 * enums and the live-event union. apps/api registers its routes with these objects and
 * apps/web parses the API's answers with the same ones (the signing helper for the console's
 * server-to-server calls is `@berth/api-contract/internal-request`).
 */
export * from './actions.js';
export * from './alert-check-runs.js';
export * from './alert-notifications.js';
export * from './alert-preview.js';
export * from './alert-readings.js';
export * from './alert-replay.js';
export * from './alert-rules.js';
export * from './alerts.js';
export * from './api-tokens.js';
export * from './audit.js';
export * from './auth.js';
export * from './auto-updates.js';
export * from './autoheal-policies.js';
export * from './check-definitions.js';
export * from './checks.js';
export * from './container-groups.js';
export * from './container-logs.js';
export * from './containers.js';
export * from './enrolment-tokens.js';
export * from './errors.js';
export * from './events.js';
export * from './exec-sessions.js';
export * from './hosts.js';
export * from './identity.js';
export * from './image-updates.js';
export * from './live-events.js';
export * from './members.js';
export * from './metrics.js';
export * from './notification-channels.js';
export * from './overview.js';
export * from './paging.js';
export * from './primitives.js';
export * from './prometheus.js';
export * from './registry-credentials.js';
export * from './resolve-update-policy.js';
export * from './roles.js';
export * from './session-cookies.js';
export * from './teams.js';
export * from './time-range.js';
export * from './update-policies.js';
