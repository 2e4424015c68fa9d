/** A container as the add-member form offers it. */
export type ContainerChoice = { hostId: string; name: string };

/**
 * The container names of each host that are not yet members, sorted and once each (a host may
 * list a removed container and its recreation under one name: one member covers both).
 */
export function memberChoicesByHost(
  containers: readonly ContainerChoice[],
  members: readonly { hostId: string; containerName: string }[],
): Map<string, string[]> {
  const taken = new Set(members.map((member) => `${member.hostId}/${member.containerName}`));
  const byHost = new Map<string, Set<string>>();
  for (const container of containers) {
    if (taken.has(`${container.hostId}/${container.name}`)) continue;
    const names = byHost.get(container.hostId) ?? new Set<string>();
    names.add(container.name);
    byHost.set(container.hostId, names);
  }
  return new Map(
    [...byHost].map(([hostId, names]) => [hostId, [...names].sort((a, b) => a.localeCompare(b))]),
  );
}
