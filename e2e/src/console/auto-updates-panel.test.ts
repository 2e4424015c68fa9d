import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot as saveIn } from '../support/chromium.js';
import { artifactsDir, browserTestProblem } from '../support/console-env.js';
import { collectPageErrors } from './browser.js';
import { type SignedUpConsole, startSignedUpConsole } from './signed-up-console.js';

// The Updates page's automatic-update panel through the console (`next start`, the real API, a
// real database): an admin turns automatic updates on with a window and sets the default policy
// to `auto`, the API then reports those settings; the rollouts the alerter left (seeded as it
// writes them) are listed; a viewer sees the same panel without a form.

const problem = browserTestProblem();
if (problem) console.warn(`auto-update panel e2e skipped: ${problem}`);
const SCREENSHOTS = artifactsDir('e2e-auto-updates-panel');
const LOCAL = `sha256:${'a'.repeat(64)}`;
const REMOTE = `sha256:${'b'.repeat(64)}`;
const OLDER = `sha256:${'c'.repeat(64)}`;

describe.skipIf(problem !== undefined)(
  `the auto-update panel${problem ? ` (skipped: ${problem})` : ''}`,
  () => {
    let world: SignedUpConsole;

    beforeAll(async () => {
      world = await startSignedUpConsole('auto-updates');
      // Host web-1 runs `web` (labelled auto) and `api` on nginx:1.27.1, which has a new digest; the
      // alerter's rollouts: one failed on web (rolled back), an older one that succeeded on both.
      await world.owner.query(
        `WITH o AS (SELECT m.org_id AS id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1),
            h AS (INSERT INTO hosts (org_id, name, hostname, credential_hash, status, last_seen_at)
                  SELECT o.id, 'web-1', 'web-1.example.test', 'cred-' || gen_random_uuid(), 'online', now() FROM o
                  RETURNING id, org_id),
            c AS (INSERT INTO containers (host_id, short_id, org_id, docker_id, name, image, image_id, state, created_at,
                                          repo_digests, image_platform, labels)
                  SELECT h.id, x.short_id, h.org_id, substr(repeat(x.short_id, 6), 1, 64), x.name, 'nginx:1.27.1',
                         'sha256:1', 'running', now(), ARRAY['nginx@' || $2], 'linux/amd64', x.labels::jsonb
                  FROM h, (VALUES ('abcdef012345', 'web', '{"berth.update_policy":"auto"}'),
                                  ('012345abcdef', 'api', '{}')) AS x(short_id, name, labels)),
            k AS (INSERT INTO image_update_checks (org_id, image, platform, status, remote_digest, checked_digests,
                                                   checked_at, next_check_at)
                  SELECT o.id, 'nginx:1.27.1', 'linux/amd64', 'update_available', $3, ARRAY[$2],
                         now() - interval '5 minutes', now() + interval '6 hours' FROM o)
       INSERT INTO auto_update_rollouts (org_id, image, platform, remote_digest, status, dispatched, remaining,
                                         failed_host_id, failed_container, failure, created_at, finished_at)
       SELECT o.id, 'nginx:1.27.1', 'linux/amd64', x.digest, x.status, ARRAY(SELECT h.id::text || '/' || n FROM h,
                unnest(x.names) AS n), 0, CASE WHEN x.status = 'failed' THEN (SELECT id FROM h) END,
              x.failed_container, x.failure, now() - x.age, now() - x.age + interval '3 minutes'
       FROM o, (VALUES ($3, 'failed', ARRAY['web'], 'web', 'failed: update of web failed: exit code 3; rolled back',
                        interval '2 hours'),
                       ($4, 'succeeded', ARRAY['web', 'api'], NULL, NULL, interval '8 days'))
            AS x(digest, status, names, failed_container, failure, age)`,
        [world.email, LOCAL, REMOTE, OLDER],
      );
    }, 120_000);

    afterEach((context) => {
      if (context.task.result?.state === 'fail') world?.markFailed();
    });

    afterAll(() => world?.stop());

    it('an admin turns automatic updates on with a window; the API reports the settings', async () => {
      const page = await world.signIn();
      const errors = collectPageErrors(page);
      await page.getByRole('link', { name: 'Updates' }).click();
      await page.waitForURL('**/updates');
      const panel = page.getByRole('region', { name: 'Automatic updates' });
      await panel.waitFor();
      expect(await panel.getByText('off', { exact: true }).isVisible()).toBe(true);
      expect(await panel.getByText('1 (0 rules set auto; default allow)').isVisible()).toBe(true);

      const form = panel.getByRole('form', { name: 'Automatic update settings' });
      await form.getByLabel('Update auto containers automatically').check();
      await form.getByLabel('Sun', { exact: true }).check();
      await form.getByLabel('Wed', { exact: true }).check();
      await form.getByLabel('Start time').fill('02:00');
      await form.getByLabel('Duration (hours)').fill('2');
      await form.getByLabel('Time zone').selectOption('Europe/Berlin');
      // A bad value is refused on its field and nothing is saved.
      await form.getByLabel('Health timeout (seconds)').fill('4');
      await form.getByRole('button', { name: 'Save automatic updates' }).click();
      await form.getByText('Too small: expected number to be >=5').waitFor();
      expect((await world.owner.query('SELECT 1 FROM auto_update_settings')).rows).toEqual([]);

      await form.getByLabel('Health timeout (seconds)').fill('120');
      await form.getByRole('button', { name: 'Save automatic updates' }).click();
      await form.getByText('Automatic updates are on.').waitFor();

      await panel
        .getByText(/^Sundays and Wednesdays 02:00–04:00 Europe\/Berlin, (open now|next opens in)/)
        .waitFor();
      expect(await panel.getByText('120 s per container').isVisible()).toBe(true);

      const reported = await page.request.get(`${world.web.url}/api/v1/auto-updates`);
      expect(reported.status()).toBe(200);
      expect((await reported.json()).settings).toEqual({
        enabled: true,
        timeZone: 'Europe/Berlin',
        weekdays: [0, 3],
        startMinute: 120,
        durationMinutes: 120,
        healthTimeoutS: 120,
      });

      // The default policy `auto` opts every container in: both now count.
      const policy = panel.getByRole('form', { name: 'Default update policy' });
      await policy.getByLabel('Default update policy').selectOption('auto');
      await policy.getByRole('button', { name: 'Set default' }).click();
      await panel.getByText('2 (1 rule set auto; default auto)').waitFor();
      await expect.poll(() => policy.getByLabel('Default update policy').inputValue()).toBe('auto');
      const rules = await world.owner.query('SELECT scope, policy FROM update_policies');
      expect(rules.rows).toEqual([{ scope: 'default', policy: 'auto' }]);
      await saveIn(page, SCREENSHOTS, 'auto-updates-admin');
      expect(errors).toEqual([]);
    });

    it('lists the seeded rollouts; a viewer sees the panel read-only', async () => {
      await world.setRole('viewer');
      const page = await world.signIn();
      const errors = collectPageErrors(page);
      await page.goto(`${world.web.url}/updates`);
      const panel = page.getByRole('region', { name: 'Automatic updates' });
      await panel.waitFor();
      expect(await panel.getByText('An admin changes these settings.').isVisible()).toBe(true);
      expect(await panel.getByRole('form').count()).toBe(0);
      expect(await panel.getByText(/^Sundays and Wednesdays 02:00–04:00 Europe\/Berlin/).isVisible()).toBe(
        true,
      );

      const table = panel.getByRole('table', { name: 'Automatic update rollouts' });
      const rows = (await table.getByRole('row').allTextContents()).slice(1).map((text) => text.trim());
      expect(rows).toHaveLength(2);
      expect(rows[0]).toContain('nginx:1.27.1');
      expect(rows[0]).toContain('bbbbbbbbbbbb');
      expect(rows[0]).toContain('failed');
      expect(rows[0]).toContain('web: failed: update of web failed: exit code 3; rolled back');
      expect(rows[0]).toContain('0/1');
      expect(rows[1]).toContain('cccccccccccc');
      expect(rows[1]).toContain('succeeded');
      expect(rows[1]).toContain('2/2');
      await saveIn(page, SCREENSHOTS, 'auto-updates-viewer');
      expect(errors).toEqual([]);
    });
  },
);
