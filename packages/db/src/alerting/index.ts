// `@berth/db/alerting`: the alerter's doors into the database that are not one organisation's
// (Prisma-free, like `@berth/db/sql`). Each calls one reviewed SECURITY DEFINER function that
// names organisations with work (or claims rows by id); the work itself happens under
// `withOrgClient`.
export type { ClaimedNotification, ClaimedPass } from './cross-tenant-alerting.js';
export {
  crossTenantAlerterHeartbeat,
  crossTenantAlerterLeave,
  crossTenantClaimDueAlertPasses,
  crossTenantClaimDueNotifications,
  crossTenantEnrolAlertPasses,
  crossTenantFinishAlertPass,
  crossTenantOrgsWithAlertRules,
  crossTenantOrgsWithAutoUpdates,
  crossTenantOrgsWithDueAlertGroups,
} from './cross-tenant-alerting.js';
