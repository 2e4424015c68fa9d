import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { collectPageErrors, launchChromium, saveScreenshot } from './chromium';
import { actionAnswer, routeSilentStream } from './stub-network';

const VERBS = ['Start', 'Stop', 'Restart', 'Pause', 'Unpause', 'Kill'];

async function openActions(browser: Browser, query: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 900, height: 600 }, deviceScaleFactor: 1 });
  await routeSilentStream(page);
  await page.goto(`${inject('harnessUrl')}/?page=actions&theme=light&${query}`);
  await page.getByRole('region', { name: 'Actions' }).waitFor();
  return page;
}

describe('container actions', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('disables every button for a viewer and says why', async () => {
    const page = await openActions(browser, 'role=viewer');
    for (const verb of VERBS)
      expect(await page.getByRole('button', { name: verb, exact: true }).isDisabled()).toBe(true);
    const restart = page.getByRole('button', { name: 'Restart' });
    const describedBy = await restart.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toMatch(/^Viewers cannot run actions/);
    await saveScreenshot(page, 'actions-viewer');
  });

  it('disables every button on a read-only agent and says why', async () => {
    const page = await openActions(browser, 'role=admin&readOnly=1');
    expect(await page.getByRole('button', { name: 'Stop' }).isDisabled()).toBe(true);
    expect(await page.getByText(/runs read-only/).count()).toBe(1);
  });

  it('asks before restarting, sends the verb, and shows the result when the action finishes', async () => {
    const page = await openActions(browser, 'role=operator');
    const errors = collectPageErrors(page);
    const sent: unknown[] = [];
    const action = { id: '11111111-1111-4111-8111-111111111111', verb: 'restart', output: null };
    await page.route('**/api/v1/hosts/*/containers/abcdefabcdef/actions', async (route) => {
      sent.push(route.request().postDataJSON());
      await route.fulfill({ status: 202, json: actionAnswer({ ...action, status: 'queued' }) });
    });
    await page.route(`**/api/v1/actions/${action.id}`, (route) =>
      route.fulfill({
        json: actionAnswer({ ...action, status: 'succeeded', output: 'restarted', durationMs: 1234 }),
      }),
    );
    // Running: Start and Unpause do not apply; the others do.
    expect(await page.getByRole('button', { name: 'Start', exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Restart' }).isEnabled()).toBe(true);

    await page.getByRole('button', { name: 'Restart' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restart web-1?' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(sent).toEqual([]);

    await page.getByRole('button', { name: 'Restart' }).click();
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('succeeded').waitFor({ timeout: 10_000 });
    expect(sent).toEqual([{ verb: 'restart' }]);
    expect(await page.getByRole('region', { name: 'Actions' }).textContent()).toMatch(
      /Restart: succeeded in 1 s/,
    );
    expect(await page.getByText('restarted', { exact: true }).count()).toBe(1);
    await saveScreenshot(page, 'actions-result');
    expect(errors).toEqual([]);
  });

  it('pauses without asking (it is undone by Unpause)', async () => {
    const page = await openActions(browser, 'role=owner');
    let posted = 0;
    await page.route('**/api/v1/hosts/*/containers/abcdefabcdef/actions', (route) => {
      posted++;
      return route.fulfill({
        status: 403,
        json: { error: { code: 'forbidden', message: 'not allowed here' } },
      });
    });
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByText('Could not send: not allowed here').waitFor();
    expect(posted).toBe(1);
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('offers an outdated agent update to admins only, asks first, and shows the result', async () => {
    const operator = await openActions(browser, 'role=operator');
    expect(await operator.getByRole('region', { name: 'Agent update' }).count()).toBe(0);

    const page = await openActions(browser, 'role=admin');
    const sent: unknown[] = [];
    const action = { id: '22222222-2222-4222-8222-222222222222', verb: 'update', output: null };
    await page.route('**/api/v1/hosts/*/actions', async (route) => {
      sent.push(route.request().postDataJSON());
      await route.fulfill({ status: 202, json: actionAnswer({ ...action, status: 'queued' }) });
    });
    await page.route(`**/api/v1/actions/${action.id}`, (route) =>
      route.fulfill({
        json: actionAnswer({
          ...action,
          status: 'succeeded',
          output: 'updated berth-agent 0.1.0 → 0.2.0',
          durationMs: 4000,
        }),
      }),
    );
    await page.getByRole('button', { name: 'Update agent to 0.2.0' }).click();
    await page
      .getByRole('dialog', { name: 'Update the agent on edge-1?' })
      .getByRole('button', { name: 'Confirm' })
      .click();
    await page.getByText('updated berth-agent 0.1.0 → 0.2.0').waitFor({ timeout: 10_000 });
    expect(sent).toEqual([{ verb: 'update' }]);
  });
});
