import { describe, expect, it } from 'vitest';
import { openAlertsHref } from './open-alerts-badge';

const HOST = '00000000-0000-4000-8000-000000000001';

describe('openAlertsHref', () => {
  it('leads to the firing tab while something fires, filtered to the host', () => {
    expect(openAlertsHref({ firing: 2, pending: 1, worstSeverity: 'critical' }, { hostId: HOST })).toBe(
      `/alerts?state=firing&hostId=${HOST}`,
    );
  });

  it('leads to the pending tab when only pending alerts are open, and filters by container name', () => {
    expect(
      openAlertsHref(
        { firing: 0, pending: 1, worstSeverity: 'warning' },
        { hostId: HOST, containerName: 'web app' },
      ),
    ).toBe(`/alerts?state=pending&hostId=${HOST}&containerName=web+app`);
  });
});
