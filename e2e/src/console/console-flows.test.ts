import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { startReceiver } from '@berth/notify/testing';
import { docker } from '@berth/test-docker';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, saveScreenshot as saveIn } from '../support/chromium.js';
import { artifactsDir } from '../support/console-env.js';
import { waitFor } from '../support/wait-for.js';
import { acknowledgedBy, insertFiringAlert } from './alert-fixture.js';
import { collectPageErrors, fetchInPage, newPerson } from './browser.js';
import { consolePrerequisites } from './console-prerequisites.js';
import { AGENT_INTERVAL_S, type ConsoleStack, startConsoleStack } from './console-stack.js';
import { type NativeAgentHost, nativeAgentHost } from './native-agent.js';
import { signUp } from './sign-up.js';

const SCREENSHOTS = artifactsDir('console');
const saveScreenshot = (page: Page, name: string) => saveIn(page, SCREENSHOTS, name);

const prerequisites = await consolePrerequisites();
const skipped = prerequisites.ok ? '' : ` (skipped: ${prerequisites.reason})`;
if (!prerequisites.ok) console.warn(`console e2e skipped: ${prerequisites.reason}`);

const PASSWORD = 'correct horse battery staple';
const OWNER = { name: 'Olivia Owner', email: 'olivia@acme.test', password: PASSWORD };
const VERBS = ['Start', 'Stop', 'Restart', 'Pause', 'Unpause', 'Kill'];

type Metrics = { t: number[]; cpu: (number | null)[] };
type ActionView = { id: string; verb: string; status: string };

describe.skipIf(!prerequisites.ok)(`the console in Chromium against a running Berth${skipped}`, () => {
  let stack: ConsoleStack;
  let browser: Browser;
  let owner: Page;
  let ownerErrors: string[] = [];
  let machine: NativeAgentHost;
  let hostId = '';
  let hostPath = '';
  let containerPath = '';
  let failed = false;
  const prefix = () => path.join(stack.dir, 'host-root');

  beforeAll(async () => {
    stack = await startConsoleStack();
    browser = await launchChromium();
    stack.onCleanup(() => browser.close());
    machine = nativeAgentHost({ prefix: prefix(), consoleUrl: stack.webUrl });
    stack.onCleanup(async () => {
      if (failed) await machine.keepLog(stack.logDir).catch(() => undefined);
      await machine.uninstall();
    });
  }, 90_000);

  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    failed = true;
    for (const page of browser.contexts().flatMap((context) => context.pages())) {
      await saveScreenshot(page, `failed-${page.url().replace(/\W+/g, '-')}`).catch(() => undefined);
    }
  });

  afterAll(async () => {
    await stack?.stop({ keepLogs: failed });
  });

  it('signs up, copies the install command the empty fleet offers, runs it on the host, and the host appears live', async () => {
    ({ page: owner } = await newPerson(browser, stack.webUrl));
    ownerErrors = collectPageErrors(owner);
    await owner.goto('/sign-up');
    await signUp(owner, { ...OWNER, orgName: 'Acme Ops' });
    expect(new URL(owner.url()).pathname).toBe('/fleet');

    await owner.getByRole('heading', { name: 'Connect your first host' }).waitFor();
    await owner.getByRole('button', { name: 'Show install command' }).click();
    const shown = owner.getByRole('figure', { name: 'Install command' });
    await shown.getByRole('button', { name: 'Copy' }).click();
    const command = String(await owner.evaluate('navigator.clipboard.readText()'));
    expect(command).toBe(await shown.locator('code').textContent());
    expect(command).toMatch(/^curl -fsSL /);
    expect(command).toContain(`${stack.webUrl}/install.sh`);
    expect(command).toContain(stack.gatewayUrl);

    // A reload would lose this mark: the host must arrive through the live stream.
    await owner.evaluate('window.__sameDocument = true');
    const installed = await machine.install(command, AGENT_INTERVAL_S);
    // The bundle came through the console's address and matched its published checksum.
    expect(installed).toContain('sha256 verified');
    expect(installed).toContain('Berth agent installed and running');
    const credentials = JSON.parse(
      await readFile(path.join(prefix(), 'var/lib/berth-agent/credentials.json'), 'utf8'),
    );
    expect(credentials.server).toBe(stack.gatewayUrl);
    hostId = String(credentials.hostId);

    const hostLink = owner.getByRole('link', { name: hostname(), exact: true });
    await hostLink.waitFor({ timeout: 30_000 });
    expect(await owner.evaluate('window.__sameDocument')).toBe(true);
    hostPath = `/hosts/${hostId}`;
    expect(await hostLink.getAttribute('href')).toBe(hostPath);
    // Then the stream keeps the row current: the host's CPU and its running containers arrive.
    const hostRow = owner.getByRole('row').filter({ has: hostLink });
    await expect
      .poll(() => hostRow.textContent(), { timeout: 20_000 })
      .toMatch(/\d+(\.\d+)?\s?%.*\d+ running/);
    expect(await owner.evaluate('window.__sameDocument')).toBe(true);
    await saveScreenshot(owner, 'fleet');
  });

  it('lists the enrolment token in Settings, used by one host', async () => {
    await owner.goto('/settings/enrolment-tokens');
    const rows = owner.getByRole('table', { name: 'Enrolment tokens' }).getByRole('row');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(1).getByRole('cell').nth(2).textContent()).toBe('1');
    await saveScreenshot(owner, 'settings-enrolment-tokens');
    await owner.goto('/fleet');
  });

  it('adds a Slack channel in Settings, sends it a test that reaches the receiver, and never shows its URL again', async () => {
    const receiver = await startReceiver();
    stack.onCleanup(() => receiver.stop());
    const webhookUrl = `${receiver.url}/services/T0/B0/e2e-slack-secret`;
    await owner.goto('/settings/notifications');
    await owner.getByLabel('Name').fill('ops slack');
    await owner.getByLabel('Kind').selectOption('slack');
    await owner.getByLabel('Webhook URL').fill(webhookUrl);
    await owner.getByRole('button', { name: 'Add channel' }).click();
    await owner.getByRole('status').filter({ hasText: 'Channel “ops slack” added' }).waitFor();
    const row = owner
      .getByRole('table', { name: 'Notification channels' })
      .getByRole('row')
      .filter({ hasText: 'ops slack' });
    await row.getByRole('button', { name: 'Send a test to ops slack' }).click();
    await row
      .getByRole('status')
      .filter({ hasText: /Delivered in \d+ ms/ })
      .waitFor();
    expect(receiver.last().path).toBe('/services/T0/B0/e2e-slack-secret');
    expect(receiver.last().json().text).toMatch(/^\[TEST\] Berth notification — /);
    await owner.reload();
    await expect.poll(() => row.textContent()).toContain('delivered');
    expect(await owner.content()).not.toContain('e2e-slack-secret');
    await saveScreenshot(owner, 'settings-notifications');
    await owner.goto('/fleet');
  });

  it('opens the host and then the container, whose charts fill with the agent’s samples', async () => {
    await owner.getByRole('link', { name: hostname(), exact: true }).click();
    await owner.waitForURL(`**${hostPath}`);
    await owner.getByRole('heading', { level: 1, name: hostname() }).waitFor();
    const containerLink = owner.getByRole('link', { name: stack.container.name, exact: true });
    await containerLink.waitFor({ timeout: 20_000 });
    for (const title of ['CPU', 'Load', 'Memory', 'Disk', 'Network']) {
      await owner.getByRole('figure', { name: `${title} of ${hostname()}`, exact: true }).waitFor();
    }
    await saveScreenshot(owner, 'host');
    await owner.goto('/containers');
    await owner.getByRole('link', { name: stack.container.name, exact: true }).waitFor();
    await saveScreenshot(owner, 'containers');
    await owner.goBack();

    await containerLink.click();
    await owner.getByRole('heading', { level: 1, name: stack.container.name }).waitFor();
    containerPath = new URL(owner.url()).pathname;
    const metrics = await waitFor(
      async () => {
        const from = new Date(Date.now() - 15 * 60_000).toISOString();
        const answer = await fetchInPage<Metrics>(
          owner,
          `/api/v1/hosts/${hostId}/containers/${stack.container.shortId}/metrics?from=${from}&to=${new Date().toISOString()}`,
        );
        return answer.status === 200 && answer.body.t.length >= 3 ? answer.body : undefined;
      },
      { what: 'three samples of the container in the API', timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(metrics.cpu.some((value) => value !== null)).toBe(true);
    // The range picker's radios are visually hidden inside their labels: click what people see.
    await owner.getByText('15 min', { exact: true }).click();
    expect(await owner.getByRole('radio', { name: '15 min' }).isChecked()).toBe(true);
    // The chart itself: drawn (no empty-range message) and its legend shows a latest CPU value.
    const cpuChart = owner.getByRole('figure', { name: `CPU of ${stack.container.name}`, exact: true });
    await expect
      .poll(() => cpuChart.getByText('No data in this time range').count(), { timeout: 20_000 })
      .toBe(0);
    await expect
      .poll(() => cpuChart.getByRole('list').getByRole('button').first().textContent(), { timeout: 20_000 })
      .toMatch(/\d.*%/);
    expect(await cpuChart.locator('canvas').count()).toBeGreaterThan(0);
    await saveScreenshot(owner, 'container');
  });

  it('restarts the container from its page: the action succeeds, Docker restarted it, and the audit names the user', async () => {
    const startedBefore = await docker('inspect', '-f', '{{.State.StartedAt}}', stack.container.id);
    const actions = owner.getByRole('region', { name: 'Actions' });
    await actions.getByRole('button', { name: 'Restart', exact: true }).click();
    const dialog = owner.getByRole('dialog', { name: `Restart ${stack.container.name}?` });
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await actions.getByText('succeeded', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await docker('inspect', '-f', '{{.State.StartedAt}}', stack.container.id)).not.toBe(startedBefore);
    const done = await fetchInPage<{ items: ActionView[] }>(owner, '/api/v1/actions?limit=20');
    expect(done.body.items.map((action) => `${action.verb} ${action.status}`)).toEqual(['restart succeeded']);

    await owner.goto('/actions');
    const actionRow = owner.getByRole('row').filter({ hasText: stack.container.shortId });
    await actionRow.waitFor();
    expect(await actionRow.textContent()).toMatch(new RegExp(`restart.*succeeded.*${OWNER.name}`));
    await saveScreenshot(owner, 'actions');

    await owner.goto('/audit');
    const row = owner.getByRole('row').filter({ hasText: 'Restarted a container' });
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain(OWNER.name);
    expect(await row.getByRole('link', { name: stack.container.shortId }).count()).toBe(1);
    await saveScreenshot(owner, 'audit');

    await owner.goto('/events');
    // Docker's own events of the restart, reported by the agent.
    const eventRows = owner.getByRole('row').filter({ hasText: stack.container.name });
    const eventNames = async () => {
      const names = [];
      for (const row of await eventRows.all())
        names.push((await row.getByRole('cell').nth(1).textContent())?.trim());
      return names;
    };
    await expect.poll(eventNames).toEqual(expect.arrayContaining(['kill', 'die', 'start', 'restart']));
    await saveScreenshot(owner, 'events');
    expect(ownerErrors).toEqual([]);
  });

  it('creates a rule in the console, then acknowledges its alert and silences it from the alert', async () => {
    await owner.goto('/alerts/rules/new');
    const form = owner.getByRole('form', { name: 'New rule' });
    await form.getByLabel('Rule name').fill('hot container');
    // A threshold no container reaches: an evaluator running beside this test never fires it.
    await form.getByLabel('Threshold').fill('1000');
    await form.getByLabel('Container name').fill(stack.container.name);
    // The preview asks the API what the rule would match now: this one container.
    await expect
      .poll(
        () =>
          owner
            .getByTestId('preview-summary')
            .textContent()
            .catch(() => ''),
        { timeout: 15_000 },
      )
      .toMatch(/1 container\b/);
    await saveScreenshot(owner, 'alert-rule-form');
    await form.getByRole('button', { name: 'Create rule' }).click();
    await owner.waitForURL('**/alerts/rules');
    const ruleRow = owner
      .getByRole('table', { name: 'Alert rules' })
      .getByRole('row')
      .filter({ hasText: 'hot container' });
    await ruleRow.waitFor();
    expect(await ruleRow.textContent()).toContain(`containers ${stack.container.name}`);

    const { alertId, summary } = await insertFiringAlert(stack.database.adminUrl, {
      ruleName: 'hot container',
      hostId,
      hostName: hostname(),
      containerName: stack.container.name,
      containerId: stack.container.shortId,
    });
    await owner.goto('/alerts');
    await owner.getByTestId('alerts-bell').filter({ hasText: '1' }).waitFor();
    const alertRow = owner
      .getByRole('table', { name: 'Alerts' })
      .getByRole('row')
      .filter({ hasText: summary });
    await saveScreenshot(owner, 'alerts');
    await alertRow.getByRole('button', { name: `Acknowledge ${summary}` }).click();
    await alertRow.getByText(`acknowledged by ${OWNER.name}`).waitFor();
    expect(await acknowledgedBy(stack.database.adminUrl, alertId)).toBe(OWNER.email);

    await alertRow.getByRole('link', { name: `Silence ${summary}` }).click();
    await owner.waitForURL(`**/alerts/silences/new?fromAlertId=${alertId}`);
    const silenceForm = owner.getByRole('form', { name: 'New silence' });
    await silenceForm.getByText(`container=${stack.container.name}`).waitFor();
    await silenceForm.getByLabel('4 hours').check();
    await silenceForm.getByLabel('Comment').fill('e2e: known hot');
    await silenceForm.getByRole('button', { name: 'Create silence' }).click();
    await owner.waitForURL('**/alerts/silences');
    const silenceRow = owner
      .getByRole('table', { name: 'Silences' })
      .getByRole('row')
      .filter({ hasText: 'e2e: known hot' });
    await silenceRow.waitFor();
    expect(await silenceRow.textContent()).toMatch(/active.*1 open/);
    await saveScreenshot(owner, 'alerts-silences');
    await owner.goto(`/alerts/${alertId}`);
    await owner
      .getByRole('list', { name: 'Alert timeline' })
      .getByText(`Acknowledged by ${OWNER.name}`)
      .waitFor();
    await saveScreenshot(owner, 'alert-detail');
    await owner.goto('/fleet');
  });

  it('a viewer invited to the organisation sees the container with every action button disabled', async () => {
    await owner.goto('/settings/invites');
    await owner.getByLabel('Email').fill('victor@acme.test');
    await owner.getByLabel('Role').selectOption('viewer');
    await owner.getByRole('button', { name: 'Create invite' }).click();
    const link = String(
      await owner.getByRole('figure', { name: 'Invite link' }).locator('code').textContent(),
    );
    await saveScreenshot(owner, 'settings-invites');
    expect(link.startsWith(`${stack.webUrl}/invite/`)).toBe(true);
    const { page: viewer } = await newPerson(browser, stack.webUrl);
    await viewer.goto(link);
    await viewer.getByRole('link', { name: 'Create an account to join' }).click();
    await signUp(viewer, { name: 'Victor Viewer', email: 'victor@acme.test', password: PASSWORD });
    await viewer.getByRole('link', { name: hostname(), exact: true }).waitFor();

    await viewer.goto(containerPath);
    await viewer.getByRole('heading', { level: 1, name: stack.container.name }).waitFor();
    const actions = viewer.getByRole('region', { name: 'Actions' });
    const buttons = actions.getByRole('button', { name: new RegExp(`^(${VERBS.join('|')})$`) });
    await buttons.first().waitFor();
    expect(await buttons.allTextContents()).toEqual(VERBS);
    for (const button of await buttons.all()) {
      expect(await button.isDisabled()).toBe(true);
      // The reason is announced with each button.
      expect(await button.getAttribute('aria-describedby')).toBeTruthy();
    }
    expect(await actions.textContent()).toMatch(/Viewers cannot run actions/);
    // Not only the buttons: the API refuses the viewer too.
    const refused = await fetchInPage(
      viewer,
      `/api/v1/hosts/${hostId}/containers/${stack.container.shortId}/actions`,
      { method: 'POST', body: { verb: 'restart' } },
    );
    expect(refused.status).toBe(403);
    await saveScreenshot(viewer, 'container-viewer');
    await viewer.context().close();

    await owner.goto('/settings/members');
    await owner
      .getByRole('row')
      .filter({ hasText: 'Victor Viewer' })
      .filter({ hasText: /viewer/ })
      .waitFor();
    await saveScreenshot(owner, 'settings-members');
  });

  it('a user of another organisation sees no hosts and gets not-found on the first organisation’s pages', async () => {
    const { page: stranger } = await newPerson(browser, stack.webUrl);
    await stranger.goto('/sign-up');
    await signUp(stranger, {
      name: 'Sam Stranger',
      email: 'sam@globex.test',
      password: PASSWORD,
      orgName: 'Globex',
    });
    await stranger.getByRole('heading', { name: 'Connect your first host' }).waitFor();
    expect(await stranger.getByRole('link', { name: hostname(), exact: true }).count()).toBe(0);
    for (const pathname of [hostPath, containerPath]) {
      await stranger.goto(pathname);
      await stranger.getByRole('heading', { name: /does not exist/ }).waitFor();
      expect(await stranger.getByText(stack.container.name).count()).toBe(0);
    }
    const hosts = await fetchInPage<{ items: unknown[] }>(stranger, '/api/v1/hosts');
    expect(hosts.body.items).toEqual([]);
    expect((await fetchInPage(stranger, `/api/v1/hosts/${hostId}`)).status).toBe(404);
    await stranger.context().close();
  });
});
