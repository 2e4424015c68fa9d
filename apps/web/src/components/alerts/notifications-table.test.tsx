import type { NotificationRecord } from '@berth/api-contract';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NotificationsTable } from './notifications-table';

const record: NotificationRecord = {
  id: '11111111-1111-4111-8111-111111111111',
  channel: {
    id: '22222222-2222-4222-8222-222222222222',
    name: 'ops',
    kind: 'slack',
    target: 'Slack webhook on hooks.slack.com',
  },
  status: 'firing',
  state: 'failed',
  deadLetter: true,
  attempts: 8,
  nextAttemptAt: null,
  lastAnswer: 'HTTP 404: no_service',
  alertIds: ['33333333-3333-4333-8333-333333333333'],
  alerts: [{ status: 'firing', ruleName: 'hot', severity: 'warning', summary: 'CPU of web is 95%' }],
  alertCount: 3,
  createdAt: '2026-12-06T10:00:00.000Z',
  sentAt: null,
};

describe('NotificationsTable', () => {
  it('shows the channel by name and redacted target, what it told, a dead letter and the last answer', () => {
    document.body.innerHTML = renderToStaticMarkup(<NotificationsTable notifications={[record]} />);
    const cells = [...document.querySelectorAll('tbody td')].map((td) => td.textContent);
    expect(cells[1]).toBe('opsSlack webhook on hooks.slack.com');
    expect(cells[2]).toBe('firing CPU of web is 95% and 2 more');
    expect(cells[3]).toBe('dead letter8 attempts');
    expect(cells[4]).toBe('HTTP 404: no_service');
    expect(document.querySelector('a')?.getAttribute('href')).toBe(
      `/alerts/notifications?channelId=${record.channel.id}`,
    );
  });
});
