import {
  type ResolvedUpdatePolicy,
  UPDATE_POLICY_LABEL,
  type UpdatePolicy,
  type UpdatePolicyRule,
} from '@berth/api-contract';

/** The policies in the console's words (the select's options). */
export const POLICY_LABELS: Record<UpdatePolicy, string> = {
  auto: 'auto — updated automatically in the window',
  allow: 'allow — updated by hand',
  warn: 'warn — by hand, after confirming',
  block: 'block — never',
};

/**
 * The resolved policy and where it comes from, in a line: "auto — from group web-tier",
 * "block — label berth.update_policy", "allow — organisation default". The group, category and
 * pattern are read from the resolver's reason (resolveUpdatePolicy words it; the test pins it).
 */
export function describeResolvedPolicy(resolved: ResolvedUpdatePolicy): string {
  const { policy, source, reason } = resolved;
  switch (source) {
    case 'label':
      return `${policy} — label ${UPDATE_POLICY_LABEL}`;
    case 'container':
      return `${policy} — this container's own rule`;
    case 'group': {
      const name = /^its group "(.*)" \(/.exec(reason)?.[1];
      return name === undefined ? `${policy} — ${reason}` : `${policy} — from group ${name}`;
    }
    case 'category': {
      const name = /^the (\S+) category/.exec(reason)?.[1];
      return name === undefined ? `${policy} — ${reason}` : `${policy} — from the ${name} category`;
    }
    case 'pattern': {
      const glob = /^the image pattern (\S+) \(/.exec(reason)?.[1];
      return glob === undefined ? `${policy} — ${reason}` : `${policy} — from image pattern ${glob}`;
    }
    case 'default':
      return reason.startsWith('no policy set')
        ? `${policy} — organisation default (none set)`
        : `${policy} — organisation default`;
  }
}

export type RuleNames = {
  groups: ReadonlyMap<string, string>;
  hosts: ReadonlyMap<string, string>;
};

/**
 * What a stored rule applies to: "organisation default", "databases category", "image pattern
 * ghcr.io/acme/*", "group web-tier", "web on host-1" (a deleted group or host by its id).
 */
export function describeRuleTarget(rule: UpdatePolicyRule, names: RuleNames): string {
  switch (rule.scope) {
    case 'default':
      return 'organisation default';
    case 'category':
      return `${rule.category ?? '?'} category`;
    case 'pattern':
      return `image pattern ${rule.pattern ?? '?'}`;
    case 'group':
      return `group ${names.groups.get(rule.groupId ?? '') ?? rule.groupId ?? '?'}`;
    case 'container':
      return `${rule.containerName ?? '?'} on ${names.hosts.get(rule.hostId ?? '') ?? rule.hostId ?? '?'}`;
  }
}

/** The container's own rule (host + name, so it outlives a recreate), if one is set. */
export function containerRuleOf(
  rules: readonly UpdatePolicyRule[],
  target: { hostId: string; containerName: string },
): UpdatePolicyRule | null {
  return (
    rules.find(
      (rule) =>
        rule.scope === 'container' &&
        rule.hostId === target.hostId &&
        rule.containerName === target.containerName,
    ) ?? null
  );
}
