import { resolveUpdatePolicy, type UpdatePolicyInput, type UpdatePolicyRule } from '@berth/api-contract';
import { describe, expect, it } from 'vitest';
import { containerRuleOf, describeResolvedPolicy, describeRuleTarget } from './describe-update-policy';

const NONE: UpdatePolicyInput = {
  image: 'ghcr.io/acme/shop:1.2',
  labels: {},
  container: null,
  groups: [],
  categories: {},
  patterns: [],
  orgDefault: null,
};

// Fed from the real resolver, so a change to its wording fails here rather than on the page.
const line = (patch: Partial<UpdatePolicyInput>) =>
  describeResolvedPolicy(resolveUpdatePolicy({ ...NONE, ...patch }));

describe('the resolved update policy in a line', () => {
  it('names the level that decided, and the group, category or pattern', () => {
    expect(line({ labels: { 'berth.update_policy': 'BLOCK' } })).toBe('block — label berth.update_policy');
    expect(line({ container: 'warn', groups: [{ name: 'web-tier', policy: 'auto' }] })).toBe(
      "warn — this container's own rule",
    );
    expect(
      line({
        groups: [
          { name: 'web-tier', policy: 'auto' },
          { name: 'payments "eu"', policy: 'warn' },
        ],
      }),
    ).toBe('warn — from group payments "eu"');
    expect(line({ image: 'postgres:16', categories: { databases: 'block' } })).toBe(
      'block — from the databases category',
    );
    expect(line({ patterns: [{ pattern: 'ghcr.io/acme/*', policy: 'auto' }] })).toBe(
      'auto — from image pattern ghcr.io/acme/*',
    );
  });

  it('says whether the organisation default was set', () => {
    expect(line({ orgDefault: 'auto' })).toBe('auto — organisation default');
    expect(line({})).toBe('allow — organisation default (none set)');
  });

  it('falls back to the reason when it cannot name the rule', () => {
    expect(describeResolvedPolicy({ policy: 'warn', source: 'group', reason: 'two groups' })).toBe(
      'warn — two groups',
    );
  });
});

const RULE: UpdatePolicyRule = {
  id: '00000000-0000-4000-8000-000000000001',
  scope: 'container',
  category: null,
  pattern: null,
  groupId: null,
  hostId: '00000000-0000-4000-8000-0000000000a1',
  containerName: 'web',
  policy: 'block',
  updatedAt: '2026-12-07T10:00:00.000Z',
};
const NAMES = {
  groups: new Map([['00000000-0000-4000-8000-0000000000b1', 'web-tier']]),
  hosts: new Map([['00000000-0000-4000-8000-0000000000a1', 'host-1']]),
};

describe('what a rule applies to', () => {
  it('names each scope, a group and a host by name', () => {
    expect(describeRuleTarget(RULE, NAMES)).toBe('web on host-1');
    expect(describeRuleTarget({ ...RULE, scope: 'default' }, NAMES)).toBe('organisation default');
    expect(describeRuleTarget({ ...RULE, scope: 'category', category: 'proxies' }, NAMES)).toBe(
      'proxies category',
    );
    expect(describeRuleTarget({ ...RULE, scope: 'pattern', pattern: 'nginx*' }, NAMES)).toBe(
      'image pattern nginx*',
    );
    expect(
      describeRuleTarget({ ...RULE, scope: 'group', groupId: '00000000-0000-4000-8000-0000000000b1' }, NAMES),
    ).toBe('group web-tier');
  });

  it('shows the id of a host it cannot name', () => {
    expect(describeRuleTarget({ ...RULE, hostId: '00000000-0000-4000-8000-0000000000a2' }, NAMES)).toBe(
      'web on 00000000-0000-4000-8000-0000000000a2',
    );
  });

  it("finds the container's own rule by host and name only", () => {
    const rules = [
      { ...RULE, scope: 'pattern' as const, pattern: 'web' },
      { ...RULE, containerName: 'api' },
      RULE,
    ];
    expect(containerRuleOf(rules, { hostId: RULE.hostId ?? '', containerName: 'web' })).toBe(RULE);
    expect(containerRuleOf(rules, { hostId: RULE.hostId ?? '', containerName: 'db' })).toBeNull();
  });
});
