import { describe, expect, it } from 'vitest';
import { describeAuditAction, summarizeDetails } from './describe-audit';

describe('describeAuditAction', () => {
  it('reads known actions as sentences and unknown ones as their own words', () => {
    expect(describeAuditAction('action.restart')).toBe('Restarted a container');
    expect(describeAuditAction('member.role_change')).toBe("Changed a member's role");
    expect(describeAuditAction('alert_rule.create')).toBe('Alert rule create');
  });

  it('words the sign-in protections the API records (throttled attempts, a browser trusted by link)', () => {
    expect(describeAuditAction('user.sign_in_throttled')).toBe(
      'Sign-ins with wrong passwords were slowed down (owner e-mailed)',
    );
    expect(describeAuditAction('user.device_trusted')).toBe(
      'Trusted a browser for sign-in with an e-mailed link',
    );
  });
});

describe('summarizeDetails', () => {
  it('joins top-level facts, compacts nested values and caps the length', () => {
    expect(summarizeDetails({ role: 'admin', labels: { env: 'prod' } })).toBe(
      'role: admin · labels: {"env":"prod"}',
    );
    expect(summarizeDetails({})).toBe('');
    expect(summarizeDetails(null)).toBe('');
    const long = summarizeDetails({ output: 'x'.repeat(500) }, 40);
    expect(long).toHaveLength(40);
    expect(long.endsWith('…')).toBe(true);
  });
});
