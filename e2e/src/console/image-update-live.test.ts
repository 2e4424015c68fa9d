import { hostname } from 'node:os';
import path from 'node:path';
import {
  type AnonymousRegistry,
  commitBusyboxVariant,
  docker,
  localRegistryUnavailable,
  startAnonymousRegistry,
  TEST_LABEL,
} from '@berth/test-docker';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, saveScreenshot as saveIn } from '../support/chromium.js';
import { artifactsDir } from '../support/console-env.js';
import { collectPageErrors, newPerson } from './browser.js';
import { consolePrerequisites } from './console-prerequisites.js';
import { AGENT_INTERVAL_S, type ConsoleStack, startConsoleStack } from './console-stack.js';
import { type NativeAgentHost, nativeAgentHost } from './native-agent.js';
import { signUp } from './sign-up.js';

// Issue 17's "done when", as a newcomer does it, every part real: the console stack (gateway,
// API, `next start`), the agent the console's install command installs, dockerd and Debian's
// docker-registry on loopback. A container runs web:1; a new digest is pushed under the tag;
// "Check now" on /updates shows it outdated; the container page's Update shows the agent's
// stage and percent and the result, and the container runs the new digest. An image that exits
// at once is rolled back, with the reason on the page. Then two outdated containers are updated
// together from the Updates page.

const SCREENSHOTS = artifactsDir('image-update-live');
const saveScreenshot = (page: Page, name: string) => saveIn(page, SCREENSHOTS, name);

const prerequisites = await consolePrerequisites();
const problem = prerequisites.ok ? localRegistryUnavailable() : prerequisites.reason;
if (problem) console.warn(`image update e2e skipped: ${problem}`);

const NEWCOMER = { name: 'Uma Updater', email: 'uma@acme.test', password: 'correct horse battery staple' };
const SLEEP = ['sleep', '3600'];

describe.skipIf(problem !== '')(
  `image updates from the console${problem ? ` (skipped: ${problem})` : ''}`,
  () => {
    let stack: ConsoleStack;
    let registry: AnonymousRegistry;
    let browser: Browser;
    let page: Page;
    let pageErrors: string[] = [];
    let machine: NativeAgentHost;
    let failed = false;
    const images: string[] = [];
    /** `web` on web:1, and `api-a`, `api-b` on api:1, all from this run's registry. */
    let web = '';
    let apis: string[] = [];
    let webImage = '';
    let apiImage = '';

    /** Commits a busybox variant as `reference`, pushes it and untags it here (so an update pulls it). */
    const publish = async (reference: string, content: string, cmd = SLEEP) => {
      const id = await commitBusyboxVariant(reference, `${content} ${Date.now()}`, cmd);
      images.push(id);
      await docker('push', reference);
      await docker('rmi', reference);
      return id;
    };
    const imageOf = (name: string) => docker('inspect', '--format', '{{.Image}} {{.State.Status}}', name);
    /** The Updates page's row of `image`, read after a fresh load (the page is rendered on the server). */
    const updatesRow = async (image: string) => {
      await page.goto('/updates');
      const row = page
        .getByRole('table', { name: 'Image updates' })
        .getByRole('row')
        .filter({ hasText: image });
      return (await row.count()) === 1 ? ((await row.textContent()) ?? '') : '';
    };

    beforeAll(async () => {
      registry = await startAnonymousRegistry();
      // Sweeps every second: "Check now" is answered within a couple of seconds, not a minute.
      stack = await startConsoleStack({ gatewayEnv: { IMAGE_CHECK_SWEEP_S: '1' } });
      stack.onCleanup(() => registry.stop());
      browser = await launchChromium();
      stack.onCleanup(() => browser.close());
      machine = nativeAgentHost({ prefix: path.join(stack.dir, 'host-root'), consoleUrl: stack.webUrl });
      stack.onCleanup(async () => {
        if (failed) await machine.keepLog(stack.logDir).catch(() => undefined);
        await machine.uninstall();
      });
      stack.onCleanup(async () => {
        await docker('rm', '-f', web, ...apis).catch(() => undefined);
        if (images.length > 0) await docker('rmi', '-f', ...images).catch(() => undefined);
      });

      webImage = `${registry.host}/${stack.runId.toLowerCase()}/web:1`;
      apiImage = `${registry.host}/${stack.runId.toLowerCase()}/api:1`;
      const run = async (name: string, image: string) => {
        // Pulled back from the registry, so the local image has the repo digest a check compares.
        await docker('pull', image);
        await docker('run', '-d', '--name', name, '--label', TEST_LABEL, '--network', 'none', image);
        return name;
      };
      await publish(webImage, 'web one');
      await publish(apiImage, 'api one');
      web = await run(`${stack.runId}-web`, webImage);
      apis = [await run(`${stack.runId}-api-a`, apiImage), await run(`${stack.runId}-api-b`, apiImage)];
    }, 120_000);

    afterEach(async ({ task }) => {
      if (task.result?.state !== 'fail') return;
      failed = true;
      if (page)
        await saveScreenshot(page, `failed-${page.url().replace(/\W+/g, '-')}`).catch(() => undefined);
    });

    afterAll(async () => {
      await stack?.stop({ keepLogs: failed });
    });

    it('a newcomer connects this host; after a new digest is pushed, "Check now" shows web outdated', async () => {
      ({ page } = await newPerson(browser, stack.webUrl));
      pageErrors = collectPageErrors(page);
      await page.goto('/sign-up');
      await signUp(page, { ...NEWCOMER, orgName: 'Acme Updates' });
      await page.getByRole('button', { name: 'Show install command' }).click();
      const command = String(
        await page.getByRole('figure', { name: 'Install command' }).locator('code').textContent(),
      );
      expect(await machine.install(command, AGENT_INTERVAL_S)).toContain('Berth agent installed and running');
      await page.getByRole('link', { name: hostname(), exact: true }).waitFor({ timeout: 30_000 });

      // The first check (due as soon as the gateway sees the reference) finds it current.
      await expect
        .poll(() => updatesRow(webImage), { timeout: 30_000, interval: 500 })
        .toContain('up to date');

      await publish(webImage, 'web two');
      await publish(apiImage, 'api two');
      await page.getByRole('button', { name: 'Check now' }).click();
      await page.getByRole('status').filter({ hasText: 'will be checked within a minute' }).waitFor();
      await expect
        .poll(() => updatesRow(webImage), { timeout: 30_000, interval: 500 })
        .toContain('update available');
      expect(await updatesRow(webImage)).toContain(`${web} on ${hostname()} (outdated)`);
      await expect
        .poll(async () => (await updatesRow(apiImage)).match(/\(outdated\)/g)?.length ?? 0, {
          timeout: 30_000,
          interval: 500,
        })
        .toBe(2);
      await saveScreenshot(page, 'outdated');
    });

    /** Clicks Update on the container page of `name` (reached from the Updates page) and confirms. */
    const updateFromContainerPage = async (name: string, image: string): Promise<Locator> => {
      // After an update the agent reports the new container in place of the old: one link again.
      const link = () =>
        page.getByRole('list', { name: `Containers on ${image}` }).getByRole('link', { name });
      await expect
        .poll(
          async () => {
            await page.goto('/updates');
            return link().count();
          },
          { timeout: 15_000, interval: 500 },
        )
        .toBe(1);
      await link().click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      const panel = page.getByRole('region', { name: 'Image update' });
      await panel.getByRole('button', { name: 'Update', exact: true }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Update', exact: true }).click();
      return panel;
    };

    it("updates web from its page with the agent's stage and percent; it runs the new digest", async () => {
      const before = await imageOf(web);
      const panel = await updateFromContainerPage(web, webImage);
      const progress = panel.getByTestId('update-progress');
      await progress.waitFor({ timeout: 30_000 });
      expect(await progress.textContent()).toMatch(
        /^(Pulling the image|Stopping the old container|Creating the new container|Starting the new container|Waiting until it is healthy|Removing the old container)( — \d+ %|…)/,
      );
      await saveScreenshot(page, 'update-progress');
      await expect
        .poll(() => panel.getByText(/^Update: /).textContent(), { timeout: 60_000, interval: 250 })
        .toBe('Update: succeeded');
      expect(await panel.locator('pre').textContent()).toContain(`updated ${web} to ${webImage}`);
      const after = await imageOf(web);
      expect(after).not.toBe(before);
      const [pulledId] = (await docker('image', 'inspect', '--format', '{{.Id}}', webImage)).split('\n');
      expect(after).toBe(`${pulledId} running`);
    });

    it('an image that exits at once is rolled back: the page says why, the previous digest runs on', async () => {
      const before = await imageOf(web);
      await publish(webImage, 'web broken', ['sh', '-c', 'exit 3']);
      const panel = await updateFromContainerPage(web, webImage);
      await expect
        .poll(() => panel.getByText(/^Update: /).textContent(), { timeout: 60_000, interval: 250 })
        .toBe('Update: failed — rolled back to the previous container');
      expect(await panel.locator('pre').textContent()).toMatch(
        /the new container stopped \(exit code 3\); rolled back: the previous container runs again/,
      );
      await saveScreenshot(page, 'rolled-back');
      expect(await imageOf(web)).toBe(before);
    });

    it('updates both api containers at once from the Updates page, each with its progress and result', async () => {
      const before = await Promise.all(apis.map(imageOf));
      await page.goto('/updates');
      await page.getByRole('button', { name: `Select all allowed on ${apiImage}` }).click();
      const bar = page.getByRole('region', { name: 'Bulk update' });
      await bar.getByRole('button', { name: 'Update selected (2)' }).click();
      const dialog = page.getByRole('dialog');
      expect((await dialog.getByRole('listitem').allTextContents()).sort()).toEqual(
        apis.map((name) => `${name} on ${hostname()} (${apiImage})`).sort(),
      );
      await dialog.getByRole('button', { name: 'Update', exact: true }).click();
      const results = bar.getByRole('list', { name: 'Bulk update results' });
      await results.getByTestId('update-progress').first().waitFor({ timeout: 30_000 });
      await saveScreenshot(page, 'bulk-progress');
      for (const name of apis) {
        const item = results.getByRole('listitem', { name: `Update of ${name} on ${hostname()}` });
        await expect
          .poll(async () => (await item.textContent()) ?? '', { timeout: 60_000, interval: 250 })
          .toMatch(new RegExp(`succeeded[\\s\\S]*updated ${name} to ${apiImage.replaceAll('.', '\\.')}`));
      }
      const [pulledId] = (await docker('image', 'inspect', '--format', '{{.Id}}', apiImage)).split('\n');
      const after = await Promise.all(apis.map(imageOf));
      expect(after).toEqual(apis.map(() => `${pulledId} running`));
      expect(after).not.toEqual(before);
      expect(pageErrors).toEqual([]);
    });
  },
);
