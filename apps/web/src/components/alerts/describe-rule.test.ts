import { describe, expect, it } from 'vitest';
import { describeCondition, describeScope } from './describe-rule';

describe('rules in words', () => {
  it('says each kind’s condition', () => {
    expect(
      describeCondition({ kind: 'container_metric', params: { metric: 'cpu_pct', op: '>', threshold: 80 } }),
    ).toBe('CPU > 80 %');
    expect(
      describeCondition({
        kind: 'host_metric',
        params: { metric: 'disk_pct', op: '>=', threshold: 90, mount: '/data' },
      }),
    ).toBe('Disk used on /data >= 90 %');
    expect(describeCondition({ kind: 'container_state', params: { event: 'oom_killed' } })).toBe(
      'container oom killed',
    );
    expect(
      describeCondition({
        kind: 'container_state',
        params: { event: 'crash_loop', restarts: 3, windowMinutes: 10 },
      }),
    ).toBe('crash loop (3 restarts in 10 min)');
    expect(
      describeCondition({ kind: 'log_pattern', params: { pattern: 'panic', match: 'substring', count: 1 } }),
    ).toBe('1+ log lines containing “panic”');
    expect(describeCondition({ kind: 'check', params: { on: 'down' } })).toBe('a health check is down');
    expect(describeCondition({ kind: 'check', params: { on: 'cert_expiring', checkName: 'tls' } })).toBe(
      'check tls has a certificate expiring',
    );
    expect(describeCondition({ kind: 'image_update', params: { minClass: 'minor' } })).toBe(
      'image update: a newer minor version or more',
    );
  });

  it('names the scope with the names the page knows, the whole organisation when empty', () => {
    const names = { hosts: new Map([['h1', 'web-1']]), groups: new Map([['g1', 'frontend']]) };
    expect(describeScope({}, names)).toBe('the whole organisation');
    expect(
      describeScope(
        {
          hostIds: ['h1'],
          hostLabels: [{ key: 'env', value: 'prod' }, { key: 'gpu' }],
          containerName: 'api-*',
          groupIds: ['g1'],
        },
        names,
      ),
    ).toBe('hosts web-1; host labels env=prod, gpu; containers api-*; groups frontend');
  });
});
