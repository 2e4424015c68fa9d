import type { Notification } from '../notification.js';

export function sampleNotification(overrides: Partial<Notification> = {}): Notification {
  return {
    id: 'ntf_01JABCDEF',
    orgName: 'Acme',
    groupKey: 'rule:cpu|host:host-a',
    status: 'firing',
    test: false,
    consoleUrl: 'https://berth.example/alerts',
    alerts: [
      {
        fingerprint: 'fp-warning',
        status: 'firing',
        ruleName: 'High CPU',
        severity: 'warning',
        summary: 'web-1 on host-a at 91 % CPU for 5 minutes',
        labels: { host: 'host-a', container: 'web-1' },
        startsAt: new Date('2026-12-06T10:00:00Z'),
        endsAt: null,
        url: 'https://berth.example/alerts/fp-warning',
      },
      {
        fingerprint: 'fp-critical',
        status: 'firing',
        ruleName: 'High CPU',
        severity: 'critical',
        summary: 'db-1 on host-a at 99 % CPU for 5 minutes <&>',
        labels: { host: 'host-a', container: 'db-1' },
        startsAt: new Date('2026-12-06T10:01:00Z'),
        endsAt: null,
      },
    ],
    ...overrides,
  };
}

export function resolvedNotification(): Notification {
  const firing = sampleNotification();
  return {
    ...firing,
    id: 'ntf_01JRESOLVED',
    status: 'resolved',
    alerts: firing.alerts.map((alert) => ({
      ...alert,
      status: 'resolved',
      endsAt: new Date('2026-12-06T10:20:00Z'),
    })),
  };
}
