import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot as saveIn } from '../support/chromium.js';
import { artifactsDir, browserTestProblem } from '../support/console-env.js';
import { collectPageErrors } from './browser.js';
import { type SignedUpConsole, startSignedUpConsole } from './signed-up-console.js';

// Container groups through the console (`next start`, the real API, a real database): an admin
// creates a group, adds a container to it by host and name, and filters the containers page by
// it. The fleet's inventory is written as the gateway would leave it (no agent is needed to see
// groups work; the agent paths have their own suites).

const problem = browserTestProblem();
if (problem) console.warn(`container groups e2e skipped: ${problem}`);
const SCREENSHOTS = artifactsDir('e2e-container-groups');

describe.skipIf(problem !== undefined)(
  `container groups in the console${problem ? ` (skipped: ${problem})` : ''}`,
  () => {
    let world: SignedUpConsole;

    beforeAll(async () => {
      world = await startSignedUpConsole('groups');
      const { owner, email } = world;
      // Two hosts with a container each, as the gateway's inventory upsert leaves them.
      await owner.query(
        `WITH o AS (SELECT m.org_id AS id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1),
              h AS (INSERT INTO hosts (org_id, name, hostname, credential_hash, status, last_seen_at)
                    SELECT o.id, n, n || '.example.test', 'cred-' || gen_random_uuid(), 'online', now()
                    FROM o, unnest(ARRAY['web-1', 'db-1']) n RETURNING id, org_id, name)
         INSERT INTO containers (host_id, short_id, org_id, docker_id, name, image, image_id, state, created_at)
         SELECT h.id, substr(md5(h.name), 1, 12), h.org_id, repeat('a', 64),
                CASE h.name WHEN 'web-1' THEN 'storefront' ELSE 'postgres' END, 'busybox', 'sha256:1', 'running', now()
         FROM h`,
        [email],
      );
    }, 120_000);

    afterEach((context) => {
      if (context.task.result?.state === 'fail') world?.markFailed();
    });

    afterAll(() => world?.stop());

    it('creates a group, adds a container to it, and filters the containers page by the group', async () => {
      const page = await world.signIn();
      const errors = collectPageErrors(page);
      const name = `Storefront ${randomUUID().slice(0, 4)}`;

      await page.getByRole('link', { name: 'Groups' }).click();
      await page.waitForURL('**/groups');
      await page.getByLabel('Group name').fill(name);
      await page.getByLabel('Description').fill('What customers reach');
      await page.getByLabel('Green').check();
      await page.getByRole('button', { name: 'Create group' }).click();
      await page.getByText(`Group ${name} created.`).waitFor();
      const row = page
        .getByRole('table', { name: 'Container groups' })
        .getByRole('row')
        .filter({ hasText: name });
      await expect.poll(() => row.textContent()).toContain('0 containers');
      await saveIn(page, SCREENSHOTS, 'groups');

      await row.getByRole('link', { name }).click();
      await page.waitForURL('**/groups/*');
      await page.getByRole('heading', { name }).waitFor();
      const add = page.getByRole('form', { name: 'Add a container' });
      await add.getByLabel('Host').selectOption({ label: 'web-1' });
      await add.getByLabel('Container').selectOption('storefront');
      await add.getByRole('button', { name: 'Add container' }).click();
      const members = page.getByRole('table', { name: `Members of ${name}` });
      await members.getByRole('row').filter({ hasText: 'storefront' }).waitFor();
      expect(await members.getByRole('row').filter({ hasText: 'storefront' }).textContent()).toContain(
        'running',
      );
      await saveIn(page, SCREENSHOTS, 'group');

      await page.getByRole('link', { name: 'Containers', exact: true }).click();
      await page.waitForURL('**/containers');
      const table = page.getByRole('table', { name: 'Containers' });
      await table.getByRole('link', { name: 'postgres' }).waitFor();
      await page.getByRole('combobox', { name: 'Group' }).selectOption({ label: name });
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL((url) => url.searchParams.has('group'));
      await expect
        .poll(async () =>
          (await table.getByRole('row').allTextContents()).slice(1).map((text) => text.trim()),
        )
        .toEqual([expect.stringContaining('storefront')]);
      // The container carries its group as a chip, linking to the group's page.
      expect(await table.getByRole('link', { name }).count()).toBe(1);
      await saveIn(page, SCREENSHOTS, 'containers-filtered');
      expect(errors).toEqual([]);
    });
  },
);
