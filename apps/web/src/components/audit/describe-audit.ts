/** Audit actions as sentences ("member.role_change" → "Changed a member's role"). */
const AUDIT_ACTIONS: Record<string, string> = {
  'action.start': 'Started a container',
  'action.stop': 'Stopped a container',
  'action.restart': 'Restarted a container',
  'action.pause': 'Paused a container',
  'action.unpause': 'Resumed a container',
  'action.kill': 'Killed a container',
  'action.refresh': 'Refreshed a host',
  'action.ping': 'Pinged a host',
  'action.update': 'Updated an agent',
  'api_token.create': 'Created an API token',
  'api_token.revoke': 'Revoked an API token',
  'enrolment_token.create': 'Created an enrolment token',
  'enrolment_token.revoke': 'Revoked an enrolment token',
  'host.rename': 'Renamed a host',
  'host.set_labels': "Changed a host's labels",
  'host.revoke': 'Revoked a host',
  'host.delete': 'Deleted a host',
  'invite.create': 'Invited someone',
  'invite.accept': 'Accepted an invite',
  'invite.revoke': 'Revoked an invite',
  'member.role_change': "Changed a member's role",
  'member.remove': 'Removed a member',
  'member.leave': 'Left the organisation',
  'org.create': 'Created the organisation',
  'session.create': 'Signed in',
  'session.revoke': 'Signed a session out',
  'session.revoke_others': 'Signed out all other sessions',
  'team.create': 'Created a team',
  'team.update': 'Changed a team',
  'team.delete': 'Deleted a team',
  'team.member_add': 'Added a member to a team',
  'team.member_remove': 'Removed a member from a team',
  'user.sign_up': 'Signed up',
  'user.sign_out': 'Signed out',
  'user.password_change': 'Changed their password',
  'user.password_reset': 'Reset their password',
  'user.oidc_link': 'Linked single sign-on',
  // Written by the API's sign-in throttle on the account's behalf (details: the refused address).
  'user.sign_in_throttled': 'Sign-ins with wrong passwords were slowed down (owner e-mailed)',
  'user.device_trusted': 'Trusted a browser for sign-in with an e-mailed link',
};

/** The sentence for an audit action; an unknown one (a newer API) reads as its own words. */
export function describeAuditAction(action: string): string {
  const known = AUDIT_ACTIONS[action];
  if (known) return known;
  const words = action.replace(/[._]/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Families for the audit filter (`member.*`), in the order people look for them. */
export const AUDIT_FAMILIES = [
  { value: 'action.*', label: 'Container and host actions' },
  { value: 'member.*', label: 'Members' },
  { value: 'invite.*', label: 'Invites' },
  { value: 'team.*', label: 'Teams' },
  { value: 'api_token.*', label: 'API tokens' },
  { value: 'enrolment_token.*', label: 'Enrolment tokens' },
  { value: 'host.*', label: 'Hosts' },
  { value: 'session.*', label: 'Sessions' },
  { value: 'user.*', label: 'Accounts' },
  { value: 'org.*', label: 'Organisation' },
] as const;

export const AUDIT_TARGET_TYPES = [
  'container',
  'host',
  'member',
  'invite',
  'team',
  'api_token',
  'enrolment_token',
  'session',
  'user',
  'org',
] as const;

/** `{ role: 'admin', name: 'ci' }` → `role: admin · name: ci` (nested values as compact JSON, capped). */
export function summarizeDetails(details: unknown, max = 160): string {
  if (details === null || typeof details !== 'object')
    return details === undefined || details === null ? '' : String(details);
  const text = Object.entries(details as Record<string, unknown>)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
