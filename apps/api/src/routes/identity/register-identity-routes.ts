import type { ApiApp, ApiContext } from '../../context.js';
import { registerCreateApiToken } from './api-tokens/create-api-token.js';
import { registerListApiTokens } from './api-tokens/list-api-tokens.js';
import { registerRevokeApiToken } from './api-tokens/revoke-api-token.js';
import { registerListAuditLogs } from './audit/list-audit-logs.js';
import { registerCreateUserSession } from './auth/create-user-session.js';
import { registerLinkOidcUser } from './auth/link-oidc-user.js';
import { registerRequestPasswordReset } from './auth/request-password-reset.js';
import { registerResetPassword } from './auth/reset-password.js';
import { registerSignIn } from './auth/sign-in.js';
import { registerSignOut } from './auth/sign-out.js';
import { registerSignUp } from './auth/sign-up.js';
import { registerUnlockSignIn } from './auth/unlock-sign-in.js';
import { registerAcceptInvite } from './invites/accept-invite.js';
import { registerCreateInvite } from './invites/create-invite.js';
import { registerInspectInvite } from './invites/inspect-invite.js';
import { registerListInvites } from './invites/list-invites.js';
import { registerRevokeInvite } from './invites/revoke-invite.js';
import { registerChangeMemberRole } from './members/change-member-role.js';
import { registerListMembers } from './members/list-members.js';
import { registerRemoveMember } from './members/remove-member.js';
import { registerCreateOrg } from './orgs/create-org.js';
import { registerLeaveOrg } from './orgs/leave-org.js';
import { registerListMyOrgs } from './orgs/list-my-orgs.js';
import { registerChangePassword } from './sessions/change-password.js';
import { registerListMySessions } from './sessions/list-my-sessions.js';
import { registerRevokeMySession } from './sessions/revoke-my-session.js';
import { registerRevokeOtherSessions } from './sessions/revoke-other-sessions.js';
import { registerAddTeamMember } from './teams/add-team-member.js';
import { registerCreateTeam } from './teams/create-team.js';
import { registerDeleteTeam } from './teams/delete-team.js';
import { registerListTeamMembers } from './teams/list-team-members.js';
import { registerListTeams } from './teams/list-teams.js';
import { registerRemoveTeamMember } from './teams/remove-team-member.js';
import { registerUpdateTeam } from './teams/update-team.js';

/** Identity and organisations: sign-up/in, passwords, orgs, members, invites, teams, tokens, audit. */
export function registerIdentityRoutes(app: ApiApp, ctx: ApiContext): void {
  for (const register of [
    registerSignUp,
    registerSignIn,
    registerUnlockSignIn,
    registerSignOut,
    registerRequestPasswordReset,
    registerResetPassword,
    registerLinkOidcUser,
    registerCreateUserSession,
    registerChangePassword,
    registerListMySessions,
    registerRevokeMySession,
    registerRevokeOtherSessions,
    registerListMyOrgs,
    registerCreateOrg,
    registerLeaveOrg,
    registerListMembers,
    registerChangeMemberRole,
    registerRemoveMember,
    registerListInvites,
    registerCreateInvite,
    registerRevokeInvite,
    registerAcceptInvite,
    registerInspectInvite,
    registerListTeams,
    registerCreateTeam,
    registerUpdateTeam,
    registerDeleteTeam,
    registerListTeamMembers,
    registerAddTeamMember,
    registerRemoveTeamMember,
    registerListApiTokens,
    registerCreateApiToken,
    registerRevokeApiToken,
    registerListAuditLogs,
  ]) {
    register(app, ctx);
  }
}
