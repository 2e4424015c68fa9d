import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@berth/db/testing';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { type ListeningApi, startListeningApi } from '../oidc/listening-api.js';
import { launchChromium } from '../support/chromium.js';
import { readE2eEnv } from '../support/e2e-env.js';
import { freePort } from '../support/free-port.js';
import type { ManagedProcess } from '../support/managed-process.js';
import { startConsole } from '../support/start-console.js';
import { newPerson } from './browser.js';

const PASSWORD = 'correct horse battery staple';

/**
 * The console (`next start`) on the real API and a fresh database, Chromium, and an owner who
 * signed up (org "Acme Ops"): what the console suites that seed their rows as the owner share.
 * The console's log is kept when a test failed (markFailed), removed otherwise.
 */
export type SignedUpConsole = {
  database: TestDatabase;
  /** The database owner: seeds rows as the gateway or the alerter would leave them. */
  owner: pg.Client;
  api: ListeningApi;
  web: { url: string; process: ManagedProcess };
  browser: Browser;
  email: string;
  /** A new browser context signed in as the owner, on the fleet page. */
  signIn(): Promise<Page>;
  /** The signed-up person's role from now on (the API reads it from the membership per request). */
  setRole(role: 'owner' | 'admin' | 'operator' | 'viewer'): Promise<void>;
  markFailed(): void;
  stop(): Promise<void>;
};

export async function startSignedUpConsole(name: string): Promise<SignedUpConsole> {
  const authSecret = `e2e-${name}-secret-0123456789abcdef`;
  const email = `${name}-${Date.now().toString(36)}@example.test`;
  const logDir = await mkdtemp(path.join(tmpdir(), `berth-e2e-${name}-`));
  // Chromium starts while the database, the API and `next start` come up.
  const launching = launchChromium();
  launching.catch(() => undefined);
  const database = await createTestDatabase();
  const owner = new pg.Client({ connectionString: database.adminUrl });
  await owner.connect();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const api = await startListeningApi({ databaseUrl: database.appUrl, authSecret, consoleOrigin: url });
  const process = await startConsole({
    port,
    logFile: path.join(logDir, 'web.log'),
    env: {
      ...readE2eEnv().childBase,
      AUTH_SECRET: authSecret,
      API_INTERNAL_URL: api.url,
      BERTH_PUBLIC_URL: url,
    },
  });
  const web = { url, process };
  const browser = await launching;
  const signedUp = await fetch(`${api.url}/api/v1/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, name: 'Olivia Owner', orgName: 'Acme Ops' }),
  });
  if (signedUp.status !== 201)
    throw new Error(`sign-up answered ${signedUp.status}: ${await signedUp.text()}`);
  let failed = false;
  return {
    database,
    owner,
    api,
    web,
    browser,
    email,
    async signIn() {
      const { page } = await newPerson(browser, web.url);
      await page.goto('/sign-in');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL('**/fleet');
      return page;
    },
    async setRole(role) {
      await owner.query(
        `UPDATE memberships SET role = $2 WHERE user_id = (SELECT id FROM users WHERE email = $1)`,
        [email, role],
      );
    },
    markFailed() {
      failed = true;
    },
    async stop() {
      if (failed) console.warn(`[${name} e2e] console logs kept in ${logDir}`);
      await browser.close();
      await process.stop(5_000);
      await api.close();
      await owner.end();
      await database.drop();
      if (!failed) await rm(logDir, { recursive: true, force: true });
    },
  };
}
