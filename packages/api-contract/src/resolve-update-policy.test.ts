import { describe, expect, it } from 'vitest';
import {
  globMatches,
  imageName,
  resolveUpdatePolicy,
  type UpdatePolicyInput,
} from './resolve-update-policy.js';
import { updateAllowedWithoutConfirm } from './update-policies.js';

const none: UpdatePolicyInput = {
  image: 'postgres:16',
  labels: {},
  container: null,
  groups: [],
  categories: {},
  patterns: [],
  orgDefault: null,
};

/**
 * The precedence table: each row sets some levels and names the level and policy that must win.
 * label > container > group > category/pattern (strictest: block > warn > allow > auto) > org
 * default > allow.
 */
const TABLE: [string, Partial<UpdatePolicyInput>, string, string][] = [
  ['nothing set', {}, 'default', 'allow'],
  ['org default only', { orgDefault: 'warn' }, 'default', 'warn'],
  ['category over default', { categories: { databases: 'block' }, orgDefault: 'allow' }, 'category', 'block'],
  [
    'a category that does not match falls through',
    { categories: { proxies: 'block' }, orgDefault: 'warn' },
    'default',
    'warn',
  ],
  [
    'pattern over default',
    { patterns: [{ pattern: 'postgres', policy: 'warn' }], orgDefault: 'block' },
    'pattern',
    'warn',
  ],
  [
    'strictest of category and pattern',
    { categories: { databases: 'warn' }, patterns: [{ pattern: 'post*', policy: 'block' }] },
    'pattern',
    'block',
  ],
  [
    'strictest of category and pattern, other way',
    { categories: { databases: 'block' }, patterns: [{ pattern: 'post*', policy: 'allow' }] },
    'category',
    'block',
  ],
  [
    'group over category',
    { groups: [{ name: 'db', policy: 'allow' }], categories: { databases: 'block' } },
    'group',
    'allow',
  ],
  [
    'strictest of two groups',
    {
      groups: [
        { name: 'a', policy: 'allow' },
        { name: 'b', policy: 'warn' },
      ],
    },
    'group',
    'warn',
  ],
  [
    'container over group',
    { container: 'block', groups: [{ name: 'db', policy: 'allow' }] },
    'container',
    'block',
  ],
  [
    'container allow over a blocking category',
    { container: 'allow', categories: { databases: 'block' } },
    'container',
    'allow',
  ],
  [
    'label over container',
    { labels: { 'berth.update_policy': 'allow' }, container: 'block' },
    'label',
    'allow',
  ],
  [
    'label over everything',
    {
      labels: { 'berth.update_policy': 'BLOCK' },
      container: 'allow',
      groups: [{ name: 'g', policy: 'allow' }],
      categories: { databases: 'allow' },
      orgDefault: 'allow',
    },
    'label',
    'block',
  ],
  ['org default auto', { orgDefault: 'auto' }, 'default', 'auto'],
  [
    'auto is the least strict within a level: allow beats it',
    {
      groups: [
        { name: 'nightly', policy: 'auto' },
        { name: 'web', policy: 'allow' },
      ],
    },
    'group',
    'allow',
  ],
  [
    'a group set to auto',
    { groups: [{ name: 'nightly', policy: 'auto' }], orgDefault: 'warn' },
    'group',
    'auto',
  ],
  [
    'warn beats auto between a category and a pattern',
    { categories: { databases: 'warn' }, patterns: [{ pattern: 'post*', policy: 'auto' }] },
    'category',
    'warn',
  ],
  [
    'a pattern set to auto over a stricter default',
    { patterns: [{ pattern: 'postgres', policy: 'auto' }], orgDefault: 'block' },
    'pattern',
    'auto',
  ],
  [
    'a container set to auto over a blocking group',
    { container: 'auto', groups: [{ name: 'db', policy: 'block' }] },
    'container',
    'auto',
  ],
  [
    'the label auto over a blocking container setting',
    { labels: { 'berth.update_policy': 'Auto' }, container: 'block' },
    'label',
    'auto',
  ],
  [
    'an unknown label value is ignored',
    { labels: { 'berth.update_policy': 'sometimes' }, container: 'warn' },
    'container',
    'warn',
  ],
];

describe('resolveUpdatePolicy precedence table', () => {
  it.each(TABLE)('%s', (_name, patch, source, policy) => {
    const resolved = resolveUpdatePolicy({ ...none, ...patch });
    expect([resolved.source, resolved.policy]).toEqual([source, policy]);
    expect(resolved.reason).not.toBe('');
  });

  it('orders the levels block > warn > allow > auto', () => {
    const strictestOf = (policies: ('auto' | 'allow' | 'warn' | 'block')[]) =>
      resolveUpdatePolicy({ ...none, groups: policies.map((policy, i) => ({ name: `g${i}`, policy })) })
        .policy;
    expect(strictestOf(['auto', 'allow'])).toBe('allow');
    expect(strictestOf(['allow', 'auto'])).toBe('allow');
    expect(strictestOf(['auto', 'warn'])).toBe('warn');
    expect(strictestOf(['block', 'auto'])).toBe('block');
    expect(strictestOf(['auto', 'auto'])).toBe('auto');
  });

  it('lets a person update auto and allow without confirming, not warn or block', () => {
    expect(['auto', 'allow', 'warn', 'block'].map((p) => updateAllowedWithoutConfirm(p as 'auto'))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('names the deciding rule in the reason', () => {
    expect(resolveUpdatePolicy({ ...none, groups: [{ name: 'payments', policy: 'block' }] }).reason).toBe(
      'its group "payments" (block)',
    );
    expect(resolveUpdatePolicy({ ...none, categories: { databases: 'warn' } }).reason).toBe(
      'the databases category (warn)',
    );
  });
});

describe('image names and globs', () => {
  it('drops tag, digest and Docker Hub prefixes; categories look at the last component', () => {
    expect(imageName(`docker.io/library/postgres:16@sha256:${'a'.repeat(64)}`)).toBe('postgres');
    expect(imageName('registry:5000/team/app:1.2')).toBe('registry:5000/team/app');
    expect(imageName('ghcr.io/acme/api')).toBe('ghcr.io/acme/api');
    const databases = { ...none, categories: { databases: 'block' as const } };
    for (const image of ['bitnami/postgresql:16', 'ghcr.io/acme/redis-ha:7', 'mariadb']) {
      expect(resolveUpdatePolicy({ ...databases, image }).source, image).toBe('category');
    }
    for (const image of ['nginx:1.27', 'acme/shop:2']) {
      expect(resolveUpdatePolicy({ ...databases, image }).source, image).toBe('default');
    }
    expect(
      resolveUpdatePolicy({ ...none, image: 'prom/node-exporter:1', categories: { monitoring: 'warn' } })
        .policy,
    ).toBe('warn');
  });

  it('matches * across any characters and nothing else as a wildcard', () => {
    expect(globMatches('ghcr.io/acme/*', 'ghcr.io/acme/api')).toBe(true);
    expect(globMatches('ghcr.io/acme/*', 'ghcr.io/acmex/api')).toBe(false);
    expect(globMatches('a.b', 'axb')).toBe(false);
    expect(globMatches('*', 'anything/at/all')).toBe(true);
  });
});
