import type { ApiClient } from '@/lib/api/api-client';
import { listApiTokens } from '@/lib/api/api-tokens';
import { listManagedHosts, type ManagedHost } from '@/lib/api/host-admin';
import { listMembers } from '@/lib/api/members';
import type { ActorNames } from './actions-list';

/**
 * The names the history pages show instead of ids: members, API tokens (all for admins, one's
 * own otherwise) and hosts (also as a list, for the host filter). Ids without a name (a member
 * who left, a deleted host) fall back to a description in the list.
 */
export async function loadNames(
  api: ApiClient,
): Promise<{ actors: ActorNames; hosts: ManagedHost[]; hostNames: Record<string, string> }> {
  const [members, tokens, hosts] = await Promise.all([
    listMembers(api),
    listApiTokens(api),
    listManagedHosts(api),
  ]);
  return {
    actors: {
      people: Object.fromEntries(members.map((member) => [member.userId, member.name ?? member.email])),
      tokens: Object.fromEntries(tokens.items.map((token) => [token.id, token.name])),
    },
    hosts,
    hostNames: Object.fromEntries(hosts.map((host) => [host.id, host.name])),
  };
}
