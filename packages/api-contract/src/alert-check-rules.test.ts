import { describe, expect, it } from 'vitest';
import { checkRunHolds, checkRunSummary } from './alert-check-runs.js';
import { ZRulePreviewRequestSchema } from './alert-preview.js';
import { ZNewAlertRuleSchema } from './alert-rules.js';

const issuePaths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (result.error?.issues ?? []).map((issue) => issue.path.join('.'));

describe('check rule params', () => {
  it('accepts down, slow and cert_expiring with an optional check name glob', () => {
    const parsed = ZNewAlertRuleSchema.parse({
      name: 'web checks',
      kind: 'check',
      params: { on: 'down', checkName: 'api-*' },
      scope: { containerName: 'web-*' },
    });
    expect(parsed.params).toEqual({ on: 'down', checkName: 'api-*' });
    for (const on of ['slow', 'cert_expiring'])
      expect(ZNewAlertRuleSchema.safeParse({ name: 'x', kind: 'check', params: { on } }).success).toBe(true);
  });

  it('names params.on when it is missing or unknown, params.checkName when it is no glob', () => {
    expect(issuePaths(ZNewAlertRuleSchema.safeParse({ name: 'x', kind: 'check', params: {} }))).toEqual([
      'params.on',
    ]);
    const unknown = ZNewAlertRuleSchema.safeParse({ name: 'x', kind: 'check', params: { on: 'flapping' } });
    expect(issuePaths(unknown)).toEqual(['params.on']);
    expect(unknown.error?.issues[0]?.message).toBe('one of down, slow, cert_expiring');
    expect(
      issuePaths(
        ZRulePreviewRequestSchema.safeParse({ kind: 'check', params: { on: 'down', checkName: 'Bad Name' } }),
      ),
    ).toEqual(['params.checkName']);
    expect(
      issuePaths(
        ZNewAlertRuleSchema.safeParse({ name: 'x', kind: 'check', params: { on: 'down', every: 1 } }),
      ),
    ).toEqual(['params']);
  });
});

describe('check runs', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  const run = {
    status: 'up',
    slow: false,
    latencyMs: 40,
    certExpiring: false,
    certExpiresAt: null,
    error: null,
  };

  it('down only when the agent said down (pending is a retry), slow only when up', () => {
    expect(checkRunHolds('down', { ...run, status: 'pending' })).toBe(false);
    expect(checkRunHolds('down', { ...run, status: 'down' })).toBe(true);
    expect(checkRunHolds('slow', { ...run, slow: true })).toBe(true);
    expect(checkRunHolds('slow', { ...run, status: 'down', slow: true })).toBe(false);
  });

  it('says the days a certificate has left', () => {
    const where = { checkName: 'tls', containerName: 'edge', hostName: 'h1' };
    const expiring = (days: number) => ({
      ...run,
      certExpiring: true,
      certExpiresAt: new Date(now.getTime() + days * 86_400_000 + 60_000),
    });
    expect(checkRunSummary('cert_expiring', where, expiring(1), now)).toEqual({
      summary: 'Check tls of edge on h1: certificate expires in 1 day',
      value: 1,
    });
    expect(checkRunSummary('cert_expiring', where, expiring(-3), now).summary).toBe(
      'Check tls of edge on h1: certificate expired 3 days ago',
    );
  });
});
