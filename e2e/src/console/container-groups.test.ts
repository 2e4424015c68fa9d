import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@berth/db/testing';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ListeningApi, startListeningApi } from '../oidc/listening-api.js';
import { launchChromium, saveScreenshot as saveIn } from '../support/chromium.js';
import { artifactsDir, browserTestProblem } from '../support/console-env.js';
import { readE2eEnv } from '../support/e2e-env.js';
import { freePort } from '../support/free-port.js';
import type { ManagedProcess } from '../support/managed-process.js';
import { startConsole } from '../support/start-console.js';
import { collectPageErrors, newPerson } from './browser.js';

// Container groups through the console (`next start`, the real API, a real database): an admin
// creates a group, adds a container to it by host and name, and filters the containers page by
// it. The fleet's inventory is written as the gateway would leave it (no agent is needed to see
// groups work; the agent paths have their own suites).

const problem = browserTestProblem();
if (problem) console.warn(`container groups e2e skipped: ${problem}`);
const SCREENSHOTS = artifactsDir('e2e-container-groups');
const AUTH_SECRET = 'e2e-container-groups-secret-0123456789abcdef';
const PASSWORD = 'correct horse battery staple';

describe.skipIf(problem !== undefined)(
  `container groups in the console${problem ? ` (skipped: ${problem})` : ''}`,
  () => {
    let logDir: string;
    let database: TestDatabase;
    let owner: pg.Client;
    let api: ListeningApi;
    let web: { url: string; process: ManagedProcess };
    let browser: Browser;
    let failed = false;
    const email = `groups-${Date.now().toString(36)}@example.test`;

    beforeAll(async () => {
      logDir = await mkdtemp(path.join(tmpdir(), 'berth-e2e-groups-'));
      database = await createTestDatabase();
      owner = new pg.Client({ connectionString: database.adminUrl });
      await owner.connect();
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      api = await startListeningApi({
        databaseUrl: database.appUrl,
        authSecret: AUTH_SECRET,
        consoleOrigin: url,
      });
      const process = await startConsole({
        port,
        logFile: path.join(logDir, 'web.log'),
        env: { ...readE2eEnv().childBase, AUTH_SECRET, API_INTERNAL_URL: api.url, BERTH_PUBLIC_URL: url },
      });
      web = { url, process };
      browser = await launchChromium();
      const signedUp = await fetch(`${api.url}/api/v1/auth/sign-up`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD, name: 'Olivia Owner', orgName: 'Acme Ops' }),
      });
      expect(signedUp.status).toBe(201);
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
      if (context.task.result?.state === 'fail') failed = true;
    });

    afterAll(async () => {
      if (failed) console.warn(`[groups e2e] console logs kept in ${logDir}`);
      await browser?.close();
      await web?.process.stop(5_000);
      await api?.close();
      await owner?.end();
      await database?.drop();
      if (!failed) await rm(logDir, { recursive: true, force: true });
    });

    async function signIn(): Promise<Page> {
      const { page } = await newPerson(browser, web.url);
      await page.goto('/sign-in');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL('**/fleet');
      return page;
    }

    it('creates a group, adds a container to it, and filters the containers page by the group', async () => {
      const page = await signIn();
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
