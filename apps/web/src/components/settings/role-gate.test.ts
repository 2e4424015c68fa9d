import { describe, expect, it } from 'vitest';
import { adminOnlyReason, grantableRoles, hasRole } from './role-gate';

describe('role gate', () => {
  it('orders roles as the API does', () => {
    expect(hasRole('admin', 'admin')).toBe(true);
    expect(hasRole('owner', 'admin')).toBe(true);
    expect(hasRole('operator', 'admin')).toBe(false);
    expect(hasRole(null, 'viewer')).toBe(false);
  });

  it('lets people hand out their own role and below; only owners grant owner', () => {
    expect(grantableRoles('admin')).toEqual(['viewer', 'operator', 'admin']);
    expect(grantableRoles('owner')).toEqual(['viewer', 'operator', 'admin', 'owner']);
    expect(grantableRoles('viewer')).toEqual(['viewer']);
  });

  it('says why a section is closed, with the reader’s role', () => {
    expect(adminOnlyReason('enrol hosts', 'operator')).toBe(
      'Only admins and owners can enrol hosts. You are an operator in this organisation; ask an admin if you need this.',
    );
  });
});
