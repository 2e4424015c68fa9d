// `@berth/db/alerting`: the alerter's doors into the database that are not one organisation's
// (Prisma-free, like `@berth/db/sql`). Each calls one reviewed SECURITY DEFINER function that
// names organisations with work (or claims rows by id); the work itself happens under
// `withOrgClient`.
export type { ClaimedNotification } from './cross-tenant-alerting.js';
export {
  crossTenantClaimDueNotifications,
  crossTenantOrgsWithAlertRules,
  crossTenantOrgsWithDueAlertGroups,
} from './cross-tenant-alerting.js';
