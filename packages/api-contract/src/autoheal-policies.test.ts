import { describe, expect, it } from 'vitest';
import { ZAutohealPolicyChangeSchema, ZNewAutohealPolicySchema } from './autoheal-policies.js';

const issuePaths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (result.error?.issues ?? []).map((issue) => issue.path.join('.'));

const HOST = '6f1c2c8e-4d0b-4c1e-9a7e-0c1d2e3f4a5b';
const GROUP = '0b7e8c2a-1f3d-4e5a-8b9c-7d6e5f4a3b2c';

describe('auto-restart policy', () => {
  it("fills the labels' defaults: 10 s doubling to 5 min, 5 attempts in 30 min", () => {
    expect(ZNewAutohealPolicySchema.parse({ groupId: GROUP, mode: 'on-failure' })).toEqual({
      groupId: GROUP,
      mode: 'on-failure',
      backoffInitialS: 10,
      backoffCapS: 300,
      maxAttempts: 5,
      windowS: 1800,
    });
  });

  it('names the field that is wrong, and needs exactly one target', () => {
    expect(
      issuePaths(ZNewAutohealPolicySchema.safeParse({ hostId: HOST, containerName: 'web', mode: 'always' })),
    ).toEqual(['mode']);
    expect(
      issuePaths(
        ZNewAutohealPolicySchema.safeParse({
          groupId: GROUP,
          mode: 'unhealthy',
          backoffInitialS: 60,
          backoffCapS: 30,
        }),
      ),
    ).toEqual(['backoffCapS']);
    expect(
      issuePaths(ZNewAutohealPolicySchema.safeParse({ groupId: GROUP, mode: 'off', maxAttempts: 0 })),
    ).toEqual(['maxAttempts']);
    expect(issuePaths(ZNewAutohealPolicySchema.safeParse({ mode: 'off' }))).toEqual(['groupId']);
    expect(
      issuePaths(
        ZNewAutohealPolicySchema.safeParse({ groupId: GROUP, hostId: HOST, containerName: 'w', mode: 'off' }),
      ),
    ).toEqual(['groupId']);
    expect(issuePaths(ZNewAutohealPolicySchema.safeParse({ hostId: HOST, mode: 'off' }))).toEqual([
      'containerName',
    ]);
  });

  it('a change says what changes', () => {
    expect(ZAutohealPolicyChangeSchema.safeParse({}).success).toBe(false);
    expect(ZAutohealPolicyChangeSchema.parse({ mode: 'off' })).toEqual({ mode: 'off' });
    expect(
      issuePaths(ZAutohealPolicyChangeSchema.safeParse({ backoffInitialS: 60, backoffCapS: 10 })),
    ).toEqual(['backoffCapS']);
  });
});
