import {
  type ResolvedUpdatePolicy,
  UPDATE_CATEGORIES,
  UPDATE_POLICIES,
  UPDATE_POLICY_LABEL,
  type UpdateCategory,
  type UpdatePolicy,
} from './update-policies.js';

/** What the resolver needs to know about one container and its organisation's rules. */
export type UpdatePolicyInput = {
  image: string;
  labels: Record<string, string>;
  /** The container's own setting (host + name), if any. */
  container: UpdatePolicy | null;
  /** The rules of the groups the container belongs to. */
  groups: readonly { name: string; policy: UpdatePolicy }[];
  categories: Partial<Record<UpdateCategory, UpdatePolicy>>;
  patterns: readonly { pattern: string; policy: UpdatePolicy }[];
  orgDefault: UpdatePolicy | null;
};

const strictness = (policy: UpdatePolicy) => UPDATE_POLICIES.indexOf(policy);

/**
 * The policy that applies to updating one container: the first level that says something
 * decides (label > container > groups > categories and patterns > default), and within a
 * level the strictest rule wins (block > warn > allow > auto). Pure: the rules are loaded elsewhere.
 */
export function resolveUpdatePolicy(input: UpdatePolicyInput): ResolvedUpdatePolicy {
  const label = input.labels[UPDATE_POLICY_LABEL]?.trim().toLowerCase();
  if (label && (UPDATE_POLICIES as readonly string[]).includes(label)) {
    return {
      policy: label as UpdatePolicy,
      source: 'label',
      reason: `the container's label ${UPDATE_POLICY_LABEL}=${label}`,
    };
  }
  if (input.container) {
    return {
      policy: input.container,
      source: 'container',
      reason: `this container's own setting (${input.container})`,
    };
  }
  const group = strictest(input.groups.map((entry) => ({ ...entry, why: `its group "${entry.name}"` })));
  if (group) return { policy: group.policy, source: 'group', reason: `${group.why} (${group.policy})` };
  const name = imageName(input.image);
  const matches = [
    ...Object.entries(input.categories).flatMap(([category, policy]) =>
      policy &&
      UPDATE_CATEGORIES[category as UpdateCategory].some((glob) => globMatches(glob, lastComponent(name)))
        ? [{ policy, why: `the ${category} category`, source: 'category' as const }]
        : [],
    ),
    ...input.patterns.flatMap((entry) =>
      globMatches(entry.pattern, name) || globMatches(entry.pattern, lastComponent(name))
        ? [{ policy: entry.policy, why: `the image pattern ${entry.pattern}`, source: 'pattern' as const }]
        : [],
    ),
  ];
  const matched = strictest(matches);
  if (matched)
    return { policy: matched.policy, source: matched.source, reason: `${matched.why} (${matched.policy})` };
  if (input.orgDefault)
    return {
      policy: input.orgDefault,
      source: 'default',
      reason: `the organisation's default (${input.orgDefault})`,
    };
  return { policy: 'allow', source: 'default', reason: 'no policy set: updates are allowed' };
}

function strictest<T extends { policy: UpdatePolicy }>(entries: readonly T[]): T | undefined {
  return entries.reduce<T | undefined>(
    (best, entry) =>
      best === undefined || strictness(entry.policy) > strictness(best.policy) ? entry : best,
    undefined,
  );
}

/**
 * `docker.io/library/postgres:16@sha256:…` → `postgres`; `ghcr.io/acme/api:1` → `ghcr.io/acme/api`:
 * the repository without tag or digest, Docker Hub's implicit prefixes dropped.
 */
export function imageName(reference: string): string {
  const withoutDigest = reference.split('@')[0] ?? reference;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  const repository = (colon === -1 ? withoutDigest : withoutDigest.slice(0, colon)).toLowerCase();
  return repository
    .replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '')
    .replace(/^library\//, '');
}

function lastComponent(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

/** `*` is any run of characters (slashes too); everything else is literal. */
export function globMatches(glob: string, name: string): boolean {
  const source = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(name);
}
