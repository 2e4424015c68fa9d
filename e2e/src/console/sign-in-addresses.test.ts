import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashSecret } from '@berth/db';
import { createTestDatabase, type TestDatabase } from '@berth/db/testing';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ListeningApi, startListeningApi } from '../oidc/listening-api.js';
import { launchChromium, saveScreenshot as saveIn } from '../support/chromium.js';
import { artifactsDir, browserTestProblem } from '../support/console-env.js';
import { readE2eEnv } from '../support/e2e-env.js';
import { freePort } from '../support/free-port.js';
import type { ManagedProcess } from '../support/managed-process.js';
import { startConsole } from '../support/start-console.js';
import { consolePasswordSignIn } from './console-password-sign-in.js';

// Issue 13 through the console (`next start`, real API, real database): the address the API
// limits and records is the one the console determined under its TRUST_PROXY, never one a
// client claimed; and a stranger's wrong passwords do not keep the owner out.

const problem = browserTestProblem();
if (problem) console.warn(`sign-in address e2e skipped: ${problem}`);
const SCREENSHOTS = artifactsDir('e2e-sign-in');
const AUTH_SECRET = 'e2e-sign-in-addresses-secret-0123456789abcdef';
const PASSWORD = 'correct horse battery staple';
/** Where the owner's browser is, as the proxy in front of the second console reports it. */
const OWNER_ADDRESS = '203.0.113.7';

describe.skipIf(problem !== undefined)(
  `client addresses and sign-in throttling through the console${problem ? ` (skipped: ${problem})` : ''}`,
  () => {
    let logDir: string;
    let database: TestDatabase;
    let owner: pg.Client;
    let api: ListeningApi;
    /** No TRUST_PROXY: browsers connect straight to it. */
    let direct: { url: string; process: ManagedProcess };
    /** TRUST_PROXY=1: a proxy in front appends the browser's address (this test plays the proxy). */
    let proxied: { url: string; process: ManagedProcess };
    let browser: Browser;
    const contexts: BrowserContext[] = [];
    let failed = false;
    let email = '';

    async function startConsoleAt(port: number, trustProxy: string | undefined, name: string) {
      const url = `http://127.0.0.1:${port}`;
      const process = await startConsole({
        port,
        logFile: path.join(logDir, `${name}.log`),
        env: {
          ...readE2eEnv().childBase,
          AUTH_SECRET,
          API_INTERNAL_URL: api.url,
          BERTH_PUBLIC_URL: url,
          ...(trustProxy ? { TRUST_PROXY: trustProxy } : {}),
        },
      });
      return { url, process };
    }

    beforeAll(async () => {
      logDir = await mkdtemp(path.join(tmpdir(), 'berth-e2e-sign-in-'));
      database = await createTestDatabase();
      owner = new pg.Client({ connectionString: database.adminUrl });
      await owner.connect();
      const [directPort, proxiedPort] = [await freePort(), await freePort()];
      api = await startListeningApi({
        databaseUrl: database.appUrl,
        authSecret: AUTH_SECRET,
        // The console whose pages write through the API in this suite (CSRF: its Origin).
        consoleOrigin: `http://127.0.0.1:${proxiedPort}`,
      });
      direct = await startConsoleAt(directPort, undefined, 'direct');
      proxied = await startConsoleAt(proxiedPort, '1', 'proxied');
      browser = await launchChromium();
      email = `owner-${Date.now().toString(36)}@example.test`;
      const signedUp = await fetch(`${api.url}/api/v1/auth/sign-up`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD, name: 'Olivia Owner', orgName: 'Acme Ops' }),
      });
      expect(signedUp.status).toBe(201);
    }, 90_000);

    afterEach((context) => {
      if (context.task.result?.state === 'fail') failed = true;
    });

    afterAll(async () => {
      if (failed) console.warn(`[sign-in e2e] console logs kept in ${logDir}`);
      for (const context of contexts) await context.close();
      await browser?.close();
      await direct?.process.stop(5_000);
      await proxied?.process.stop(5_000);
      await api?.close();
      await owner?.end();
      await database?.drop();
      if (!failed) await rm(logDir, { recursive: true, force: true });
    });

    async function person(forwardedFor?: string): Promise<Page> {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        colorScheme: 'light',
        timezoneId: 'UTC',
        ...(forwardedFor ? { extraHTTPHeaders: { 'x-forwarded-for': forwardedFor } } : {}),
      });
      context.setDefaultTimeout(15_000);
      contexts.push(context);
      return context.newPage();
    }

    async function signInWithForm(page: Page, consoleUrl: string): Promise<void> {
      await page.goto(`${consoleUrl}/sign-in`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
    }

    const codesOf = (outcomes: { outcome: string; code?: string }[]) =>
      outcomes.map((outcome) => ('code' in outcome ? outcome.code : outcome.outcome));

    it('pages opened from an e-mailed link send no Referer anywhere; other pages keep the default policy', async () => {
      const policyOf = async (pathname: string) =>
        (await fetch(`${direct.url}${pathname}`, { redirect: 'manual' })).headers.get('referrer-policy');
      for (const pathname of [
        '/reset-password/confirm?token=t0k3n',
        '/invite/t0k3n',
        '/sign-in/unlock?token=t0k3n',
      ]) {
        expect(await policyOf(pathname), pathname).toBe('no-referrer');
      }
      expect(await policyOf('/sign-in')).toBe('strict-origin-when-cross-origin');
    });

    it('straight at the console, a rotating X-Forwarded-For changes neither the rate-limit key nor the recorded address', async () => {
      const outcomes = [];
      for (let i = 0; i < 21; i += 1) {
        outcomes.push(
          await consolePasswordSignIn(
            direct.url,
            { email: `spray-${i}@example.test`, password: 'guess' },
            { localAddress: '127.0.0.2', forwardedFor: `198.51.100.${i + 1}` },
          ),
        );
      }
      expect(codesOf(outcomes)).toEqual([...Array(20).fill('credentials'), 'rate_limited']);

      const signedIn = await consolePasswordSignIn(
        direct.url,
        { email, password: PASSWORD },
        { localAddress: '127.0.0.3', forwardedFor: '198.51.100.99' },
      );
      expect(signedIn.outcome).toBe('signed-in');
      const session = await owner.query(
        'SELECT s.ip FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1 ORDER BY s.created_at DESC LIMIT 1',
        [email],
      );
      expect(session.rows).toEqual([{ ip: '127.0.0.3' }]);
      const audit = await owner.query(
        "SELECT ip, details->>'ip' AS claimed FROM audit_logs WHERE action = 'session.create' ORDER BY id DESC LIMIT 1",
      );
      expect(audit.rows).toEqual([{ ip: '127.0.0.3', claimed: '127.0.0.3' }]);
    });

    it('behind the configured proxy, each client the proxy names is its own key, and the same client stays one key', async () => {
      const rotating = [];
      const same = [];
      for (let i = 0; i < 21; i += 1) {
        rotating.push(
          await consolePasswordSignIn(
            proxied.url,
            { email: `proxied-${i}@example.test`, password: 'guess' },
            { localAddress: '127.0.0.4', forwardedFor: `6.6.6.6, 198.51.100.${i + 1}` },
          ),
        );
        same.push(
          await consolePasswordSignIn(
            proxied.url,
            { email: `proxied-${i}@example.test`, password: 'guess' },
            { localAddress: '127.0.0.4', forwardedFor: `6.6.6.${i + 1}, 198.51.100.200` },
          ),
        );
      }
      expect(codesOf(rotating)).toEqual(Array(21).fill('credentials'));
      expect(codesOf(same)).toEqual([...Array(20).fill('credentials'), 'rate_limited']);
    });

    it('shows the address the trusted proxy saw on the sessions page and in the audit log', async () => {
      const page = await person(OWNER_ADDRESS);
      await signInWithForm(page, proxied.url);
      await page.waitForURL(`${proxied.url}/fleet`);
      await page.goto(`${proxied.url}/settings/profile`);
      const current = page.getByRole('row').filter({ hasText: OWNER_ADDRESS });
      await current.first().waitFor();
      await saveIn(page, SCREENSHOTS, 'sessions');
      await page.goto(`${proxied.url}/audit`);
      await page.getByRole('row').filter({ hasText: OWNER_ADDRESS }).first().waitFor();
      await saveIn(page, SCREENSHOTS, 'audit');
      const stored = await owner.query(
        "SELECT ip FROM audit_logs WHERE action = 'session.create' ORDER BY id DESC LIMIT 1",
      );
      expect(stored.rows).toEqual([{ ip: OWNER_ADDRESS }]);
    });

    it('after 100 wrong passwords from 100 addresses the owner’s browser still signs in; a new browser is told why it waits, and gets in with the e-mailed link', async () => {
      const started = performance.now();
      const outcomes = [];
      for (let i = 0; i < 100; i += 1) {
        outcomes.push(
          await consolePasswordSignIn(
            proxied.url,
            { email, password: `guess number ${i}` },
            { localAddress: '127.0.0.5', forwardedFor: `198.18.${i >> 8}.${(i & 255) + 1}` },
          ),
        );
      }
      const codes = codesOf(outcomes);
      const checked = codes.filter((code) => code === 'credentials').length;
      const held = codes.filter((code) => code === 'account_throttled').length;
      console.info(
        `[sign-in e2e] 100 wrong passwords through the console from 100 addresses in ${Math.round(performance.now() - started)} ms: ${checked} checked, ${held} held back`,
      );
      expect([checked, held]).toEqual([10, 90]);

      // The owner's browser from before: its address and device cookie are known to the account.
      const ownerContext = contexts[0];
      if (!ownerContext) throw new Error('the owner’s browser is gone');
      await ownerContext.clearCookies({ name: 'authjs.session-token' });
      const ownerPage = ownerContext.pages()[0] ?? (await ownerContext.newPage());
      await signInWithForm(ownerPage, proxied.url);
      await ownerPage.waitForURL(`${proxied.url}/fleet`);

      // Someone (perhaps the owner on a new laptop) in a new place, without that cookie.
      const stranger = await person('192.0.2.123');
      await signInWithForm(stranger, proxied.url);
      await stranger.getByRole('alert').filter({ hasText: 'unfamiliar places' }).waitFor();
      await saveIn(stranger, SCREENSHOTS, 'new-browser-slowed-down');
      expect(new URL(stranger.url()).pathname).toBe('/sign-in');

      // The owner was mailed a one-time link (this API has no SMTP: the link is stored as the throttle stores it).
      const token = `berth_unlock_${randomBytes(32).toString('base64url')}`;
      await owner.query(
        "INSERT INTO sign_in_unlocks (user_id, token_hash, expires_at) SELECT id, $2, now() + interval '1 hour' FROM users WHERE email = $1",
        [email, hashSecret(token)],
      );
      await stranger.goto(`${proxied.url}/sign-in/unlock?token=${token}`);
      await saveIn(stranger, SCREENSHOTS, 'unlock-link');
      await stranger.getByRole('button', { name: 'Trust this browser and sign in' }).click();
      await stranger.getByRole('status').filter({ hasText: 'now trusted' }).waitFor();
      await stranger.getByLabel('Email').fill(email);
      await stranger.getByLabel('Password').fill(PASSWORD);
      await stranger.getByRole('button', { name: 'Sign in' }).click();
      await stranger.waitForURL(`${proxied.url}/fleet`);
    });
  },
);
