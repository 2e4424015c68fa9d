import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot as saveIn } from '../support/chromium.js';
import { artifactsDir, browserTestProblem } from '../support/console-env.js';
import { collectPageErrors } from './browser.js';
import { seedContainers, seedOnlineHost } from './seed-console-rows.js';
import { type SignedUpConsole, startSignedUpConsole } from './signed-up-console.js';

// The Updates page through the console (`next start`, the real API, a real database): the
// containers' image facts and the reference's latest check are written as the gateway leaves
// them (the agent and registry path has its own suites: apps/gateway image-checks, e2e
// console/image-update-live). The page lists the outdated reference with its class, newest
// versions and containers; the container's page and the containers list carry the badge.

const problem = browserTestProblem();
if (problem) console.warn(`updates page e2e skipped: ${problem}`);
const SCREENSHOTS = artifactsDir('e2e-updates-page');
const LOCAL = `sha256:${'a'.repeat(64)}`;
const REMOTE = `sha256:${'b'.repeat(64)}`;

describe.skipIf(problem !== undefined)(`the updates page${problem ? ` (skipped: ${problem})` : ''}`, () => {
  let world: SignedUpConsole;

  beforeAll(async () => {
    world = await startSignedUpConsole('updates');
    const { owner, email } = world;
    // Host web-1 runs `web` on nginx:1.27.1 (behind: the registry has a new digest and 1.28.0)
    // and `db` on postgres:16.4 (up to date).
    const host = await seedOnlineHost(owner, email);
    await seedContainers(
      owner,
      host,
      [
        { shortId: 'abcdef012345', name: 'web', image: 'nginx:1.27.1', repoDigests: [`nginx@${LOCAL}`] },
        {
          shortId: '012345abcdef',
          name: 'db',
          image: 'postgres:16.4',
          repoDigests: [`postgres@${LOCAL}`],
          labels: { 'berth.update_policy': 'block' },
        },
      ].map((c) => ({ ...c, platform: 'linux/amd64' })),
    );
    await owner.query(
      `INSERT INTO image_update_checks (org_id, image, platform, status, remote_digest, checked_digests, newest_patch,
                                        newest_minor, newest_major, rate_limit_limit, rate_limit_remaining, checked_at,
                                        next_check_at)
       SELECT $1::uuid, x.image, 'linux/amd64', x.status, x.remote, ARRAY[$2], NULL, x.minor, NULL, 100, 97,
              now() - interval '5 minutes', now() + interval '6 hours'
       FROM (VALUES ('nginx:1.27.1', 'update_available', $3, '1.28.0'), ('postgres:16.4', 'up_to_date', $2, NULL))
            AS x(image, status, remote, minor)`,
      [host.orgId, LOCAL, REMOTE],
    );
  }, 120_000);

  afterEach((context) => {
    if (context.task.result?.state === 'fail') world?.markFailed();
  });

  afterAll(() => world?.stop());

  it('lists the outdated reference first with class, newest versions, quota and a link to its container', async () => {
    const page = await world.signIn();
    const errors = collectPageErrors(page);

    await page.getByRole('link', { name: 'Updates' }).click();
    await page.waitForURL('**/updates');
    const table = page.getByRole('table', { name: 'Image updates' });
    await table.waitFor();
    const rows = (await table.getByRole('row').allTextContents()).slice(1).map((text) => text.trim());
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('nginx:1.27.1');
    expect(rows[0]).toContain('update available');
    expect(rows[0]).toContain('minor');
    expect(rows[0]).toContain('— / 1.28.0 / —');
    expect(rows[0]).toContain('web on web-1 (outdated)');
    expect(rows[1]).toContain('postgres:16.4');
    expect(rows[1]).toContain('up to date');
    expect(rows[1]).toContain('db on web-1 — policy block');
    expect(await page.getByText('Docker Hub quota: 97 of 100 pulls left.').isVisible()).toBe(true);
    await saveIn(page, SCREENSHOTS, 'updates');

    // The policy filter keeps the blocked container's reference only.
    await page
      .getByRole('navigation', { name: 'Update policy' })
      .getByRole('link', { name: 'Policy block' })
      .click();
    await page.waitForURL('**/updates?policy=block');
    await expect
      .poll(async () =>
        (await table.getByRole('row').allTextContents()).slice(1).map((t) => t.includes('postgres')),
      )
      .toEqual([true]);

    await page
      .getByRole('navigation', { name: 'Update policy' })
      .getByRole('link', { name: 'Any policy' })
      .click();
    await page.waitForURL('**/updates');

    // The class filter keeps the minor update only.
    await page.getByRole('navigation', { name: 'Update class' }).getByRole('link', { name: 'Minor' }).click();
    await page.waitForURL('**/updates?class=minor');
    await expect.poll(async () => (await table.getByRole('row').allTextContents()).length).toBe(2);

    // "Check now" makes both checks due; the page says how many.
    await page.getByRole('button', { name: 'Check now' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'will be checked' }).textContent())
      .toBe(' 2 references will be checked within a minute.');

    // The row's container link opens the container page, whose header says an update is available.
    await page
      .getByRole('list', { name: 'Containers on nginx:1.27.1' })
      .getByRole('link', { name: 'web' })
      .click();
    await page.waitForURL('**/containers/abcdef012345');
    // The header streams in with the badge: wait for the page, not a few seconds (a loaded machine).
    await page.getByRole('heading', { level: 1, name: 'web' }).waitFor();
    expect(await page.getByText('Update available: 1.28.0').isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('admins set the check interval on the page', async () => {
    const page = await world.signIn();
    await page.goto(`${world.web.url}/updates`);
    const form = page.getByRole('form', { name: 'Check interval' });
    await form.getByLabel('Check every (minutes)').fill('2');
    await form.getByRole('button', { name: 'Save interval' }).click();
    // The API's refusal lands on the field, in minutes' terms of the form.
    await expect
      .poll(() => form.getByText('At least 300 s (5 minutes).', { exact: true }).isVisible())
      .toBe(true);
    await form.getByLabel('Check every (minutes)').fill('60');
    await form.getByRole('button', { name: 'Save interval' }).click();
    await expect.poll(() => page.getByText('Each reference is checked every 1 h').isVisible()).toBe(true);
    const { rows } = await world.owner.query<{ check_interval_s: number }>(
      'SELECT check_interval_s FROM image_update_settings',
    );
    expect(rows).toEqual([{ check_interval_s: 3600 }]);
  });

  it('offers bulk apply of the allowed outdated containers: warn named in the dialog, block says why', async () => {
    // Host web-2 (its agent announces no container_update) runs two more outdated nginx:1.27.1
    // containers: `edge` (label: warn) and `cache` (label: block).
    const host = await seedOnlineHost(world.owner, world.email, 'web-2');
    await seedContainers(
      world.owner,
      host,
      [
        { shortId: 'fedcba987654', name: 'edge', policy: 'warn' },
        { shortId: '456789fedcba', name: 'cache', policy: 'block' },
      ].map((c) => ({
        shortId: c.shortId,
        name: c.name,
        image: 'nginx:1.27.1',
        repoDigests: [`nginx@${LOCAL}`],
        platform: 'linux/amd64',
        labels: { 'berth.update_policy': c.policy },
      })),
    );
    const page = await world.signIn();
    const errors = collectPageErrors(page);
    await page.goto(`${world.web.url}/updates`);
    const containers = page.getByRole('list', { name: 'Containers on nginx:1.27.1' });
    await containers.waitFor();
    expect(await containers.getByRole('checkbox').count()).toBe(2);
    expect(await containers.getByRole('listitem').filter({ hasText: 'cache' }).textContent()).toContain(
      "cannot be updated: blocked by the container's label berth.update_policy=block",
    );

    await page.getByRole('button', { name: 'Select all allowed on nginx:1.27.1' }).click();
    const bar = page.getByRole('region', { name: 'Bulk update' });
    await bar.getByRole('button', { name: 'Update selected (2)' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByRole('alert').textContent()).toBe(
      "These ask for confirmation:edge on web-2: the container's label berth.update_policy=warn",
    );
    await dialog.getByRole('button', { name: 'Update', exact: true }).click();

    // Neither agent can update (seeded hosts announce no capabilities): both refused, and why.
    const results = bar.getByRole('list', { name: 'Bulk update results' });
    await results.waitFor();
    expect((await results.getByRole('listitem').allTextContents()).sort()).toEqual(
      ['edge on web-2', 'web on web-1'].map(
        (label) =>
          `${label}: not sent — this host's agent is too old to update containers: update the agent first`,
      ),
    );
    const { rows } = await world.owner.query('SELECT id FROM actions');
    expect(rows).toEqual([]);
    expect(errors).toEqual([]);
  });
});
