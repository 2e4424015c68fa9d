import { hostname } from 'node:os';
import path from 'node:path';
import { type Receiver, startReceiver } from '@berth/notify/testing';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchChromium, saveScreenshot as saveIn } from '../support/chromium.js';
import { artifactsDir } from '../support/console-env.js';
import type { ManagedProcess } from '../support/managed-process.js';
import { startAlerter } from '../support/start-alerter.js';
import { collectPageErrors, newPerson } from './browser.js';
import { AGENT_INTERVAL_S, type ConsoleStack, startConsoleStack } from './console-stack.js';
import { type NativeAgentHost, nativeAgentHost } from './native-agent.js';
import { type Person, signUp } from './sign-up.js';

const REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * Berth as a newcomer meets it, every part real: the console stack (gateway, API, `next start`),
 * the alerter as its own process on Redis, a loopback receiver standing in for Slack, Chromium,
 * and this machine as a host for the native agent the console's install command installs. What
 * the live console suites (an alert, a check, each down to Slack) share.
 */
export type LiveConsole = {
  stack: ConsoleStack;
  /** The database owner: reads what the gateway and the alerter stored. */
  owner: pg.Client;
  receiver: Receiver;
  alerter: ManagedProcess;
  /** The alerter's heartbeat file (see deliveryRoundsAfter). */
  heartbeat: string;
  browser: Browser;
  machine: NativeAgentHost;
  /**
   * On a fresh page, `person` signs up with a new organisation and connects this host with the
   * install command the console offers; resolves once the host is listed.
   */
  signUpAndConnect(person: Person & { orgName: string }): Promise<{ page: Page; pageErrors: string[] }>;
  /** Adds a Slack channel named `name` sending to the receiver at `hookPath`, from the console. */
  addSlackChannel(page: Page, name: string, hookPath: string): Promise<void>;
  /** A screenshot of `page` among this suite's artifacts. */
  saveScreenshot(page: Page, name: string): Promise<string>;
  /** After a failed test: keeps the logs (the agent's too) and screenshots `page` where it is. */
  markFailed(page: Page | undefined): Promise<void>;
  stop(): Promise<void>;
};

/** Starts everything; `name` names the suite's screenshot folder. Stop it in afterAll. */
export async function startLiveConsole(name: string): Promise<LiveConsole> {
  const screenshots = artifactsDir(name);
  const saveScreenshot = (page: Page, shot: string) => saveIn(page, screenshots, shot);
  let failed = false;
  const stack = await startConsoleStack();
  const owner = new pg.Client({ connectionString: stack.database.adminUrl });
  await owner.connect();
  stack.onCleanup(() => owner.end());
  const receiver = await startReceiver();
  stack.onCleanup(() => receiver.stop());
  const heartbeat = path.join(stack.dir, 'alerter-alive');
  const alerter = await startAlerter({
    databaseUrl: stack.database.appUrl,
    redisUrl: REDIS_URL,
    authSecret: stack.authSecret,
    publicUrl: stack.webUrl,
    heartbeatFile: heartbeat,
    logDir: stack.logDir,
  });
  stack.onCleanup(() => alerter.stop());
  const browser = await launchChromium();
  stack.onCleanup(() => browser.close());
  const machine = nativeAgentHost({ prefix: path.join(stack.dir, 'host-root'), consoleUrl: stack.webUrl });
  stack.onCleanup(async () => {
    if (failed) await machine.keepLog(stack.logDir).catch(() => undefined);
    await machine.uninstall();
  });

  return {
    stack,
    owner,
    receiver,
    alerter,
    heartbeat,
    browser,
    machine,
    async signUpAndConnect(person) {
      const { page } = await newPerson(browser, stack.webUrl);
      const pageErrors = collectPageErrors(page);
      await page.goto('/sign-up');
      await signUp(page, person);
      await page.getByRole('button', { name: 'Show install command' }).click();
      const command = String(
        await page.getByRole('figure', { name: 'Install command' }).locator('code').textContent(),
      );
      expect(await machine.install(command, AGENT_INTERVAL_S)).toContain('Berth agent installed and running');
      await page.getByRole('link', { name: hostname(), exact: true }).waitFor({ timeout: 30_000 });
      return { page, pageErrors };
    },
    async addSlackChannel(page, channel, hookPath) {
      await page.goto('/settings/notifications');
      await page.getByLabel('Name').fill(channel);
      await page.getByLabel('Kind').selectOption('slack');
      await page.getByLabel('Webhook URL').fill(`${receiver.url}${hookPath}`);
      await page.getByRole('button', { name: 'Add channel' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `Channel “${channel}” added` })
        .waitFor();
    },
    saveScreenshot,
    async markFailed(page) {
      failed = true;
      if (page)
        await saveScreenshot(page, `failed-${page.url().replace(/\W+/g, '-')}`).catch(() => undefined);
    },
    stop: () => stack.stop({ keepLogs: failed }),
  };
}
