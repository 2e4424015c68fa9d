import { startReceiver } from '@berth/notify/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAlerter, type TestAlerter } from './test/alerter-harness.js';
import { type Fixtures, fixtures } from './test/fixtures.js';

let t: TestAlerter;
let f: Fixtures;

beforeAll(async () => {
  t = await startTestAlerter({ settings: { passMs: 0 } });
  f = fixtures(t.database);
});
afterAll(async () => {
  await t?.stop();
});

describe('container_state update_failed', () => {
  it('a failed (rolled back) update is one alert and one notification; a succeeded one is none', async () => {
    const receiver = await startReceiver();
    try {
      const { orgId, hostId } = await f.org();
      const channelId = await f.webhook(orgId, `${receiver.url}/hook`);
      const ruleId = await f.rule(orgId, {
        kind: 'container_state',
        params: { event: 'update_failed' },
        channelIds: [channelId],
        groupWaitS: 0,
      });
      const web = await f.container(orgId, hostId, { name: 'web' });
      const api = await f.container(orgId, hostId, { name: 'api' });
      // What the gateway writes when a container.update's result comes back (record-action-result).
      const now = t.clock.now();
      await f.event(orgId, hostId, web, new Date(now.getTime() - 1_000), 'update_failed', {
        image: 'registry.local/web:1',
        status: 'failed',
        output: 'new container exited with code 1; rolled back',
      });
      await f.event(orgId, hostId, api, new Date(now.getTime() - 1_000), 'update_succeeded', {
        image: 'registry.local/api:1',
      });

      await t.alerter.evaluate(orgId, [hostId]);
      t.clock.advance(5_000);
      await t.alerter.evaluate(orgId, [hostId]);
      const alerts = await f.alerts(orgId, ruleId);
      expect(alerts.map((a) => [a.container_name, a.state])).toEqual([['web', 'firing']]);

      expect(await t.alerter.flush()).toHaveLength(1);
      expect((await t.alerter.deliver()).map((d) => d.state)).toEqual(['sent']);
      t.clock.advance(5_000);
      expect(await t.alerter.flush()).toEqual([]);
      expect(receiver.requests).toHaveLength(1);
      const body = receiver.last().json();
      expect(body.status).toBe('firing');
      expect(body.alerts.map((a: { labels: { container: string } }) => a.labels.container)).toEqual(['web']);
      expect(JSON.stringify(body)).toContain('the update of web on');

      // The event ages out of the rule's window (10 min by default): resolved.
      t.clock.advance(10 * 60_000);
      await t.alerter.evaluate(orgId, [hostId]);
      expect((await f.alerts(orgId, ruleId)).map((a) => a.state)).toEqual(['resolved']);
    } finally {
      await receiver.stop();
    }
  });
});
