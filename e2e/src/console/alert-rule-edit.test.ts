import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot as saveIn } from '../support/chromium.js';
import { artifactsDir, browserTestProblem } from '../support/console-env.js';
import { collectPageErrors, fetchInPage } from './browser.js';
import { type SignedUpConsole, startSignedUpConsole } from './signed-up-console.js';

// Editing an alert rule and reading the notification history through the console (`next
// start`, the real API, a real database). Alerts and notifications are written as the alerter
// would leave them; the alerter's own paths have their own suites.

const problem = browserTestProblem();
if (problem) console.warn(`alert rule edit e2e skipped: ${problem}`);
const SCREENSHOTS = artifactsDir('e2e-alert-rule-edit');
const SECRET_PATH = 'T0/B0/e2e-history-secret';

type Rule = { id: string; name: string; enabled: boolean; forS: number; params: Record<string, unknown> };

describe.skipIf(problem !== undefined)(
  `editing a rule and the notification history in the console${problem ? ` (skipped: ${problem})` : ''}`,
  () => {
    let world: SignedUpConsole;

    beforeAll(async () => {
      world = await startSignedUpConsole('rule-edit');
      const { owner, email } = world;
      await owner.query(
        `WITH o AS (SELECT m.org_id AS id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1),
              h AS (INSERT INTO hosts (org_id, name, hostname, credential_hash, status, last_seen_at)
                    SELECT o.id, 'web-1', 'web-1.example.test', 'cred-' || gen_random_uuid(), 'online', now()
                    FROM o RETURNING id, org_id)
         INSERT INTO containers (host_id, short_id, org_id, docker_id, name, image, image_id, state, created_at)
         SELECT h.id, 'abcdefabcdef', h.org_id, repeat('a', 64), 'storefront', 'busybox', 'sha256:1', 'running', now()
         FROM h`,
        [email],
      );
    }, 120_000);

    afterEach((context) => {
      if (context.task.result?.state === 'fail') world?.markFailed();
    });

    afterAll(() => world?.stop());

    it('opens a disabled rule prefilled, saves a new threshold and `for` without enabling it, then enables it', async () => {
      const page = await world.signIn();
      const errors = collectPageErrors(page);
      const created = await fetchInPage<Rule>(page, '/api/v1/alert-rules', {
        method: 'POST',
        body: {
          name: 'hot storefront',
          kind: 'container_metric',
          params: { metric: 'cpu_pct', op: '>', threshold: 80 },
          scope: { containerName: 'store*' },
          enabled: false,
        },
      });
      expect(created.status).toBe(201);

      await page.goto('/alerts/rules');
      await page
        .getByRole('table', { name: 'Alert rules' })
        .getByRole('link', { name: 'hot storefront' })
        .click();
      await page.waitForURL(`**/alerts/rules/${created.body.id}/edit`);
      const form = page.getByRole('form', { name: 'Edit rule hot storefront' });
      expect(await form.getByLabel('Rule name').inputValue()).toBe('hot storefront');
      expect(await form.getByLabel('Threshold').inputValue()).toBe('80');
      expect(await form.getByLabel('Container name').inputValue()).toBe('store*');
      expect(await form.getByLabel('Kind').isDisabled()).toBe(true);
      // The stored rule is previewed at once: what it matches now and over the last day.
      await expect
        .poll(() =>
          page
            .getByTestId('preview-summary')
            .textContent()
            .catch(() => ''),
        )
        .toMatch(/1 container\b/);
      await expect
        .poll(() =>
          page
            .getByTestId('history-summary')
            .textContent()
            .catch(() => ''),
        )
        .toBe('Would not have fired in the last 24 h (1 replayed).');

      await form.getByLabel('Threshold').fill('95');
      await form.getByText('Advanced timing').click();
      await form.getByLabel('Pending for (s)').fill('120');
      await saveIn(page, SCREENSHOTS, 'rule-edit');
      await form.getByRole('button', { name: 'Save rule' }).click();
      await page.waitForURL('**/alerts/rules');
      const saved = await fetchInPage<Rule>(page, `/api/v1/alert-rules/${created.body.id}`);
      expect(saved.body).toMatchObject({ params: { threshold: 95 }, forS: 120, enabled: false });

      await page.goto(`/alerts/rules/${created.body.id}/edit`);
      await page.getByRole('button', { name: 'Enable rule hot storefront' }).click();
      await page.getByRole('button', { name: 'Disable rule hot storefront' }).waitFor();
      expect((await fetchInPage<Rule>(page, `/api/v1/alert-rules/${created.body.id}`)).body.enabled).toBe(
        true,
      );
      expect(errors).toEqual([]);
    });

    it('lists what was sent where, with the dead letter and the last answer, never the channel secret', async () => {
      const page = await world.signIn();
      const errors = collectPageErrors(page);
      const channel = await fetchInPage<{ id: string }>(page, '/api/v1/notification-channels', {
        method: 'POST',
        body: {
          name: 'ops slack',
          config: { kind: 'slack', webhookUrl: `https://hooks.slack.com/services/${SECRET_PATH}` },
        },
      });
      expect(channel.status).toBe(201);
      const rules = await fetchInPage<{ items: Rule[] }>(page, '/api/v1/alert-rules');
      const rule = rules.body.items[0];
      if (!rule) throw new Error('no rule');
      const { rows } = await world.owner.query<{ id: string }>(
        `WITH a AS (
           INSERT INTO alerts (org_id, rule_id, fingerprint, state, severity, labels, summary, pending_since, fired_at, last_true_at)
           SELECT org_id, id, 'fp-e2e-history', 'firing', 'warning', '{}', 'CPU of storefront is 97%', now(), now(), now()
             FROM alert_rules WHERE id = $1 RETURNING id, org_id)
         INSERT INTO notifications (org_id, channel_id, group_key, payload, alert_ids, state, attempts, next_attempt_at, last_error)
         SELECT a.org_id, $2, 'g', jsonb_build_object('status', 'firing', 'alerts', jsonb_build_array(
                  jsonb_build_object('status', 'firing', 'ruleName', 'hot storefront', 'severity', 'warning',
                                     'summary', 'CPU of storefront is 97%'))),
                ARRAY[a.id], 'failed', 8, now(), 'HTTP 404: no_service'
           FROM a RETURNING alert_ids[1] AS id`,
        [rule.id, channel.body.id],
      );
      const alertId = rows[0]?.id;

      await page.goto('/alerts');
      await page
        .getByRole('navigation', { name: 'Alerts sections' })
        .getByRole('link', { name: 'Notifications' })
        .click();
      await page.waitForURL('**/alerts/notifications');
      const row = page
        .getByRole('table', { name: 'Notifications' })
        .getByRole('row')
        .filter({ hasText: 'ops slack' });
      await row.waitFor();
      const text = await row.textContent();
      expect(text).toContain('dead letter');
      expect(text).toContain('8 attempts');
      expect(text).toContain('HTTP 404: no_service');
      expect(text).toContain('CPU of storefront is 97%');
      expect(await page.content()).not.toContain(SECRET_PATH);
      await saveIn(page, SCREENSHOTS, 'notifications');

      await page.getByRole('link', { name: 'Dead letters' }).click();
      await page.waitForURL('**/alerts/notifications?state=failed');
      await row.waitFor();

      await page.goto(`/alerts/${alertId}`);
      await page
        .getByRole('table', { name: 'Notifications of this alert' })
        .getByRole('row')
        .filter({ hasText: 'ops slack' })
        .waitFor();
      expect(errors).toEqual([]);
    });
  },
);
