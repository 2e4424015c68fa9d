// The cross-tenant path: what happens before an organisation is known, or for all of them at
// once. Each function calls one SECURITY DEFINER function in the `cross_tenant` schema (or, for
// the gateway's sweeps, `berth_maintenance`); these modules, grouped by purpose, are their only
// callers, so reviewing this folder covers every tenant crossing.
export type { ExpiredAction } from './actions.js';
export { crossTenantExpireActions } from './actions.js';
export type { ApiTokenIdentity } from './api-tokens.js';
export { crossTenantAuthenticateApiToken } from './api-tokens.js';
export type { AbandonedExecSession } from './exec-sessions.js';
export { crossTenantEndAbandonedExecSessions } from './exec-sessions.js';
export type { EnrolHostData, EnrolHostOutcome, EnrollmentOutcome, HostIdentity } from './hosts.js';
export {
  crossTenantAuthenticateHost,
  crossTenantConsumeEnrollmentToken,
  crossTenantEnrolHost,
} from './hosts.js';
export type { InviteStatus, InviteSummary, PendingInvite } from './invites.js';
export { crossTenantFindInvite, crossTenantPendingInvitesForEmail } from './invites.js';
export type { PasswordResetOutcome, PasswordResetRecipient } from './password-reset.js';
export {
  crossTenantConsumePasswordReset,
  crossTenantIssuePasswordReset,
  crossTenantResetPassword,
} from './password-reset.js';
export type { StaleHost } from './presence.js';
export { crossTenantMarkStaleHostsOffline } from './presence.js';
export { crossTenantOrgsWithDirtyMinutes } from './rollups.js';
export type {
  PasswordSignInAttempt,
  PasswordSignInClient,
  SignInRecord,
  SignInUnlockOutcome,
} from './sign-in.js';
export {
  crossTenantBeginPasswordSignIn,
  crossTenantConsumeSignInUnlock,
  crossTenantFindUserForSignIn,
  crossTenantFinishPasswordSignIn,
} from './sign-in.js';
export type { UserMembership } from './users.js';
export {
  crossTenantFindUserByIdentity,
  crossTenantTouchUserSession,
  crossTenantUserMemberships,
} from './users.js';
