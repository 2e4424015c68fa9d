import { recordHostConfigAck } from '@berth/db/sql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot as saveIn } from '../support/chromium.js';
import { artifactsDir, browserTestProblem } from '../support/console-env.js';
import { collectPageErrors } from './browser.js';
import { type SignedUpConsole, startSignedUpConsole } from './signed-up-console.js';

// Adding a health check to a container from its page (`next start`, the real API, a real
// database): the form writes a check definition the gateway will push (docs/checks.md), and the
// page lists it with pause and delete.

const problem = browserTestProblem();
if (problem) console.warn(`container checks e2e skipped: ${problem}`);
const SCREENSHOTS = artifactsDir('e2e-container-checks');

describe.skipIf(problem !== undefined)(
  `checks on the container page${problem ? ` (skipped: ${problem})` : ''}`,
  () => {
    let world: SignedUpConsole;
    let hostId: string;

    beforeAll(async () => {
      world = await startSignedUpConsole('container-checks');
      const { rows } = await world.owner.query<{ id: string }>(
        `WITH o AS (SELECT m.org_id AS id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1),
            h AS (INSERT INTO hosts (org_id, name, hostname, credential_hash, status, last_seen_at)
                  SELECT o.id, 'web-1', 'web-1.example.test', 'cred-' || gen_random_uuid(), 'online', now()
                  FROM o RETURNING id, org_id),
            c AS (INSERT INTO containers (host_id, short_id, org_id, docker_id, name, image, image_id, state, created_at)
                  SELECT h.id, 'abcdefabcdef', h.org_id, repeat('a', 64), 'storefront', 'busybox', 'sha256:1', 'running', now()
                  FROM h)
       SELECT id FROM h`,
        [world.email],
      );
      hostId = rows[0]?.id ?? '';
    }, 120_000);

    afterEach((context) => {
      if (context.task.result?.state === 'fail') world?.markFailed();
    });

    afterAll(() => world?.stop());

    const stored = async () =>
      (
        await world.owner.query<{
          name: string;
          spec: { intervalS: number; target: string };
          enabled: boolean;
        }>(
          `SELECT name, spec, enabled FROM check_definitions WHERE host_id = $1 AND container_name = 'storefront'`,
          [hostId],
        )
      ).rows;

    it('adds an HTTP check from the container page, names a bad field, pauses and deletes it', async () => {
      const page = await world.signIn();
      const errors = collectPageErrors(page);
      await page.goto(`/hosts/${hostId}/containers/abcdefabcdef`);
      const panel = page.getByRole('region', { name: 'Health checks defined in Berth' });
      await panel.waitFor();
      await panel.getByText('Add check', { exact: true }).first().click();
      const form = panel.getByRole('form', { name: 'Add check' });
      await form.getByLabel('Check name').fill('health');
      await form.getByLabel('Target').fill('http://{{ip}}:{{port:8080}}/health');
      await form.getByLabel('Every (s)').fill('5');
      await form.getByRole('button', { name: 'Add check' }).click();
      // The API refuses an interval under 10 s and says which field.
      await expect.poll(() => form.textContent()).toContain('intervalS: at least 10 seconds');
      expect(await stored()).toEqual([]);

      // React resets a form after its action (as on every settings form): fill it in again.
      await form.getByLabel('Check name').fill('health');
      await form.getByLabel('Target').fill('http://{{ip}}:{{port:8080}}/health');
      await form.getByLabel('Every (s)').fill('10');
      await form.getByRole('button', { name: 'Add check' }).click();
      await expect.poll(() => panel.textContent()).toContain('Check health added');
      const table = panel.getByRole('table', { name: 'Checks defined for this container' });
      await table.waitFor();
      const row = table.getByRole('row').nth(1);
      await expect.poll(() => row.textContent()).toContain('health');
      expect(await row.textContent()).toContain('http://{{ip}}:{{port:8080}}/health');
      expect(await stored()).toEqual([
        expect.objectContaining({
          name: 'health',
          enabled: true,
          spec: expect.objectContaining({ intervalS: 10, target: 'http://{{ip}}:{{port:8080}}/health' }),
        }),
      ]);
      const version = await world.owner.query<{ v: string }>(
        'SELECT config_version::text AS v FROM hosts WHERE id = $1',
        [hostId],
      );
      expect(version.rows[0]?.v).toBe('1');
      await saveIn(page, SCREENSHOTS, 'container-check-added');

      await panel.getByRole('button', { name: 'Pause check health' }).click();
      await expect.poll(async () => (await stored())[0]?.enabled).toBe(false);
      await expect.poll(() => row.textContent()).toContain('paused');

      await panel.getByRole('button', { name: 'Delete check health' }).click();
      await expect.poll(async () => (await stored()).length).toBe(0);
      await panel.getByText('None yet for this container', { exact: false }).waitFor();
      expect(errors).toEqual([]);
    });

    it("adds a check to every member of a group from the group's page", async () => {
      const { rows } = await world.owner.query<{ id: string }>(
        `WITH g AS (INSERT INTO container_groups (org_id, name, colour)
                    SELECT org_id, 'web tier', '#2563eb' FROM hosts WHERE id = $1 RETURNING id, org_id),
              m AS (INSERT INTO container_group_members (org_id, group_id, host_id, container_name)
                    SELECT g.org_id, g.id, $1, 'storefront' FROM g)
         SELECT id FROM g`,
        [hostId],
      );
      const groupId = rows[0]?.id ?? '';
      const versionOf = async () =>
        Number(
          (
            await world.owner.query<{ v: string }>(
              'SELECT config_version::text AS v FROM hosts WHERE id = $1',
              [hostId],
            )
          ).rows[0]?.v,
        );
      const before = await versionOf();
      const page = await world.signIn();
      const errors = collectPageErrors(page);
      await page.goto(`/groups/${groupId}`);
      const panel = page.getByRole('region', { name: 'Health checks defined in Berth' });
      await panel.getByText('None yet for every member of web tier', { exact: false }).waitFor();
      await panel.getByText('Add check', { exact: true }).first().click();
      const form = panel.getByRole('form', { name: 'Add check' });
      await form.getByLabel('Check name').fill('port');
      await form.getByLabel('Kind').selectOption('tcp');
      await form.getByLabel('Target').fill('{{ip}}:5432');
      await form.getByLabel('Every (s)').fill('15');
      await form.getByRole('button', { name: 'Add check' }).click();
      const table = panel.getByRole('table', { name: 'Checks defined for every member of web tier' });
      await table.waitFor();
      expect(await table.getByRole('row').nth(1).textContent()).toContain('{{ip}}:5432');
      const stored = await world.owner.query<{ name: string; kind: string }>(
        `SELECT name, spec->>'kind' AS kind FROM check_definitions WHERE group_id = $1`,
        [groupId],
      );
      expect(stored.rows).toEqual([{ name: 'port', kind: 'tcp' }]);
      // The member's host now has the group's check in its config: its version moved by one.
      expect(await versionOf()).toBe(before + 1);
      expect(errors).toEqual([]);
    });

    it('shows on the host page whether the agent applied the checks config', async () => {
      const { rows } = await world.owner.query<{ v: string }>(
        'SELECT config_version::text AS v FROM hosts WHERE id = $1',
        [hostId],
      );
      const version = Number(rows[0]?.v);
      expect(version).toBeGreaterThan(0);
      const page = await world.signIn();
      const errors = collectPageErrors(page);
      await page.goto(`/hosts/${hostId}`);
      const body = () => page.locator('body').textContent();
      await expect.poll(body).toContain(`checks config v${version}, waiting for the agent`);
      // What the gateway records when the agent's config_ack for this version arrives.
      expect(await recordHostConfigAck(world.owner, hostId, version)).toBe(true);
      await page.reload();
      await expect.poll(body).toContain(`checks config v${version}, applied by the agent`);
      await saveIn(page, SCREENSHOTS, 'host-checks-config-applied');
      expect(errors).toEqual([]);
    });

    it('sets, changes and removes auto-restart for the container from its page', async () => {
      const policies = async () =>
        (
          await world.owner.query<{ mode: string; backoff_initial_s: number; max_attempts: number }>(
            `SELECT mode, backoff_initial_s, max_attempts FROM autoheal_policies
              WHERE host_id = $1 AND container_name = 'storefront'`,
            [hostId],
          )
        ).rows;
      const page = await world.signIn();
      const errors = collectPageErrors(page);
      await page.goto(`/hosts/${hostId}/containers/abcdefabcdef`);
      const panel = page.getByRole('region', { name: 'Auto-restart' });
      await panel.getByText('None set in Berth for this container.').waitFor();
      await panel.getByText('Set auto-restart', { exact: true }).first().click();
      const form = panel.getByRole('form', { name: 'Auto-restart policy' });
      await form.getByLabel('Restart').selectOption('on-failure');
      await form.getByLabel('First wait (s)').fill('5');
      // The cap may not be below the first wait: the API names the field.
      await form.getByLabel('Longest wait (s)').fill('2');
      await form.getByRole('button', { name: 'Set auto-restart' }).click();
      await expect.poll(() => form.textContent()).toContain('backoffCapS');
      expect(await policies()).toEqual([]);

      await form.getByLabel('First wait (s)').fill('5');
      await form.getByLabel('Longest wait (s)').fill('120');
      await form.getByLabel('Attempts').fill('3');
      await form.getByRole('button', { name: 'Set auto-restart' }).click();
      await expect
        .poll(() => panel.getByTestId('autoheal-policy').textContent())
        .toContain('on-failure · waits 5 s doubling to 120 s · at most 3 restarts in 1800 s');
      expect(await policies()).toEqual([{ mode: 'on-failure', backoff_initial_s: 5, max_attempts: 3 }]);
      await saveIn(page, SCREENSHOTS, 'autoheal-set');

      await panel.getByText('Change auto-restart', { exact: true }).click();
      await panel
        .getByRole('form', { name: 'Auto-restart policy' })
        .getByLabel('Restart')
        .selectOption('unhealthy');
      await panel.getByRole('button', { name: 'Save auto-restart' }).click();
      await expect.poll(async () => (await policies())[0]?.mode).toBe('unhealthy');

      await panel.getByRole('button', { name: 'Remove the auto-restart policy of this container' }).click();
      await expect.poll(async () => (await policies()).length).toBe(0);
      await panel.getByText('None set in Berth for this container.').waitFor();
      expect(errors).toEqual([]);
    });
  },
);
