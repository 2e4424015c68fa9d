import { hostname } from 'node:os';
import path from 'node:path';
import { docker, ensureBusyboxImage, httpdHealthCommand, runBusybox, stopHttpd } from '@berth/test-docker';
import type pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { consolePrerequisites } from '../console/console-prerequisites.js';
import type { ConsoleStack } from '../console/console-stack.js';
import { type LiveConsole, startLiveConsole } from '../console/live-console.js';
import { freePort } from '../support/free-port.js';

// Issue 16's "done when", as a newcomer does it, every part real: the console stack (gateway,
// API, `next start`), the agent the console's install command installs, the alerter on Redis,
// dockerd and a loopback receiver standing in for Slack. From the console: a Slack channel and a
// "health check is down" rule; an HTTP check added on a container's page (pushed to the agent,
// no labels); the check's page shows it up with its latency chart and uptime; the target stops;
// Slack gets the alert and the check's page shows the failure with its error.

const prerequisites = await consolePrerequisites();
const skipped = prerequisites.ok ? '' : ` (skipped: ${prerequisites.reason})`;
if (!prerequisites.ok) console.warn(`console check e2e skipped: ${prerequisites.reason}`);

const NEWCOMER = { name: 'Cleo Checker', email: 'cleo@acme.test', password: 'correct horse battery staple' };
const ORG = 'Acme Web';
const SLACK_PATH = '/services/T0000/B0000/e2e-check-hook';
const RULE = 'storefront health down';
const CHECK = 'health';

describe.skipIf(!prerequisites.ok)(`an HTTP check added from the console, down to Slack${skipped}`, () => {
  let live: LiveConsole;
  let stack: ConsoleStack;
  let owner: pg.Client;
  let page: Page;
  let pageErrors: string[] = [];
  /** The target: busybox httpd on the host's network, serving /health on a free loopback port. */
  let web = { id: '', name: '', port: 0 };

  const storedRuns = async () => {
    const { rows } = await owner.query<{ status: string; error: string | null }>(
      `SELECT r.status, r.error FROM check_results r JOIN hosts h ON h.id = r.host_id
         JOIN organizations o ON o.id = h.org_id
        WHERE o.name = $1 AND r.container_name = $2 AND r.check_name = $3 ORDER BY r.ts`,
      [ORG, web.name, CHECK],
    );
    return rows;
  };

  beforeAll(async () => {
    live = await startLiveConsole('console-check-live');
    ({ stack, owner } = live);
    await ensureBusyboxImage();
    const port = await freePort();
    const name = `${path.basename(stack.dir)}-storefront`.replace(/[^a-zA-Z0-9_.-]/g, '-');
    const { id } = await runBusybox(httpdHealthCommand(port), { network: 'host', name });
    stack.onCleanup(() => docker('rm', '-f', id).then(() => undefined));
    web = { id, name, port };
  }, 90_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await live.markFailed(page);
  });

  afterAll(async () => {
    await live?.stop();
  });

  it('a newcomer signs up, connects this host, and adds a Slack channel and a "check is down" rule', async () => {
    ({ page, pageErrors } = await live.signUpAndConnect({ ...NEWCOMER, orgName: ORG }));
    await live.addSlackChannel(page, 'web slack', SLACK_PATH);

    await page.goto('/alerts/rules/new');
    const form = page.getByRole('form', { name: 'New rule' });
    await form.getByLabel('Rule name').fill(RULE);
    await form.getByLabel('Kind').selectOption({ label: 'Health check' });
    await form.getByLabel('When the check').selectOption('down');
    await form.getByLabel('Check name').fill(CHECK);
    await form.getByLabel('Container name').fill(web.name);
    await form.getByLabel('Severity').selectOption('critical');
    await form.getByLabel('web slack').check();
    await form.getByRole('button', { name: 'Create rule' }).click();
    await page.waitForURL('**/alerts/rules');
    await page
      .getByRole('table', { name: 'Alert rules' })
      .getByRole('row')
      .filter({ hasText: RULE })
      .waitFor();
    expect(live.receiver.requests).toHaveLength(0);
  });

  it("adds an HTTP check on the container's page; the check's page shows it up, with latency and uptime", async () => {
    await page.goto('/containers');
    await page.getByRole('link', { name: web.name, exact: true }).click({ timeout: 30_000 });
    await page.getByRole('heading', { level: 1, name: web.name }).waitFor();
    const panel = page.getByRole('region', { name: 'Health checks defined in Berth' });
    await panel.getByText('Add check', { exact: true }).first().click();
    const form = panel.getByRole('form', { name: 'Add check' });
    await form.getByLabel('Check name').fill(CHECK);
    // On the host's network {{ip}} is the loopback address and {{port:N}} is N.
    await form.getByLabel('Target').fill(`http://{{ip}}:{{port:${web.port}}}/health`);
    await form.getByLabel('Every (s)').fill('10');
    await form.getByRole('button', { name: 'Add check' }).click();
    await expect.poll(() => panel.textContent()).toContain(`Check ${CHECK} added`);

    // Pushed to the agent (no labels on this container): its runs come back through the batches.
    await expect
      .poll(async () => (await storedRuns()).map((run) => run.status), { timeout: 30_000, interval: 250 })
      .toContain('up');
    const { rows: acked } = await owner.query<{ acked: string | null }>(
      'SELECT config_acked_version::text AS acked FROM hosts WHERE name = $1',
      [hostname()],
    );
    expect(acked).toEqual([{ acked: '1' }]);

    await page.goto('/checks');
    const title = `${web.name} / ${CHECK}`;
    await page.getByRole('link', { name: title }).click();
    await page.waitForURL('**/checks/*');
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    const facts = (await page.locator('dl').first().textContent()) ?? '';
    expect(facts).toContain('Nowup');
    expect(facts).toContain('Uptime 24 h100%');
    const chart = page.getByRole('figure', { name: `Latency of ${title}`, exact: true });
    await expect
      .poll(() => chart.getByText('No data in this time range').count(), { timeout: 20_000 })
      .toBe(0);
    expect(await chart.getByRole('list').textContent()).toMatch(/\d+ ms/);
    await live.saveScreenshot(page, 'check-up');
  });

  it('the target stops: the check goes down, Slack gets the alert, the page shows the failure', async () => {
    const stoppedAt = Date.now();
    await stopHttpd(web);
    // Down after interval × (retries + 1): the form's default retries is 1, so two failed runs.
    await expect
      .poll(async () => (await storedRuns()).at(-1)?.status, { timeout: 60_000, interval: 250 })
      .toBe('down');
    expect((await storedRuns()).at(-1)?.error).toMatch(/connection refused/);

    // The rule's group wait (the form's 10 s) holds the message back, then one round sends it.
    await expect.poll(() => live.receiver.requests.length, { timeout: 60_000, interval: 250 }).toBe(1);
    console.info(`[console-check-live] in Slack ${Date.now() - stoppedAt} ms after the target stopped`);
    const message = live.receiver.last();
    expect(message.path).toBe(SLACK_PATH);
    expect(message.json().text).toBe(`[FIRING:1] ${RULE} — ${ORG}`);
    expect(JSON.stringify(message.json())).toContain(`Check ${CHECK} of ${web.name}`);

    // The page streams in after its skeleton: wait for what it says, not for the load event.
    await page.reload();
    await expect
      .poll(async () => (await page.locator('dl').first().textContent()) ?? '', { timeout: 15_000 })
      .toContain('Nowdown');
    const failures = page.getByRole('table', { name: 'Last failures' });
    await failures.waitFor();
    const failureRows = (await failures.getByRole('row').allTextContents()).slice(1);
    expect(failureRows.length).toBeGreaterThan(0);
    expect(failureRows[0]).toContain('connection refused');
    await live.saveScreenshot(page, 'check-down');
    expect(pageErrors).toEqual([]);
  });
});
