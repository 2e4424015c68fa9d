import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@berth/db/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, saveScreenshot as saveIn } from '../support/chromium.js';
import { artifactsDir, browserTestProblem } from '../support/console-env.js';
import { readE2eEnv } from '../support/e2e-env.js';
import { freePort } from '../support/free-port.js';
import type { ManagedProcess } from '../support/managed-process.js';
import { startConsole } from '../support/start-console.js';
import { IdentityRows } from './identity-rows.js';
import { type ListeningApi, startListeningApi } from './listening-api.js';
import { type LocalOidcProvider, startLocalOidcProvider } from './local-oidc-provider.js';
import type { IdpAccount } from './provider-interactions.js';

// CI builds the console into .next (turbo: e2e depends on @berth/web's build); a parallel build may use another folder.
const problem = browserTestProblem();
const SCREENSHOTS = artifactsDir('e2e-oidc');
const saveScreenshot = (page: Page, name: string) => saveIn(page, SCREENSHOTS, name);
if (problem) console.warn(`OIDC sign-in e2e skipped: ${problem}`);

const AUTH_SECRET = 'e2e-oidc-secret-0123456789abcdef0123456789';
const CLIENT_ID = 'berth-console';
const CLIENT_SECRET = 'e2e-oidc-client-secret-0123456789';
const SSO_BUTTON = 'Continue with Local IdP';
const CONSOLE_HOST = 'console.berth.test';
const PASSWORD = 'correct horse battery staple';

const tag = Date.now().toString(36);
const account = (login: string, name: string, emailVerified = true): IdpAccount => ({
  login,
  sub: `${login}-subject-${tag}`,
  email: `${login}-${tag}@example.test`,
  emailVerified,
  name,
});
const ADA = account('ada', 'Ada Lovelace');
// Same e-mail as a Berth password account that never proved it owns the address.
const GRACE = account('grace', 'Grace Hopper');
// Same e-mail as a Berth password account whose address is verified.
const LINUS = account('linus', 'Linus Torvalds');
const MALLORY = account('mallory', 'Mallory', false);

describe.skipIf(problem !== undefined)(
  `OIDC single sign-on: console (next start) + real API + local OpenID provider${problem ? ` (skipped: ${problem})` : ''}`,
  () => {
    let logDir: string;
    let database: TestDatabase;
    let rows: IdentityRows;
    let idp: LocalOidcProvider;
    let api: ListeningApi;
    let web: ManagedProcess;
    let browser: Browser;
    let consoleUrl: string;
    const contexts: BrowserContext[] = [];
    let failed = false;

    beforeAll(async () => {
      logDir = await mkdtemp(path.join(tmpdir(), 'berth-e2e-oidc-'));
      database = await createTestDatabase();
      rows = await IdentityRows.connect(database.adminUrl);
      const consolePort = await freePort();
      // A name, as in production: Next gives route handlers its listening address
      // (localhost), so only a console addressed by name shows whether Auth.js sends the
      // provider the same redirect URI from the sign-in action and from the callback.
      consoleUrl = `http://${CONSOLE_HOST}:${consolePort}`;
      idp = await startLocalOidcProvider({
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        // build-auth-config.ts registers the provider as `oidc`.
        redirectUri: `${consoleUrl}/api/auth/callback/oidc`,
        accounts: [ADA, GRACE, LINUS, MALLORY],
      });
      api = await startListeningApi({
        databaseUrl: database.appUrl,
        authSecret: AUTH_SECRET,
        consoleOrigin: consoleUrl,
      });
      web = await startConsole({
        port: consolePort,
        logFile: path.join(logDir, 'console.log'),
        env: {
          ...readE2eEnv().childBase,
          AUTH_SECRET,
          API_INTERNAL_URL: api.url,
          BERTH_PUBLIC_URL: consoleUrl,
          OIDC_ISSUER: idp.issuer,
          OIDC_CLIENT_ID: CLIENT_ID,
          OIDC_CLIENT_SECRET: CLIENT_SECRET,
          OIDC_NAME: 'Local IdP',
        },
      });
      browser = await launchChromium([CONSOLE_HOST]);
    }, 60_000);

    afterEach((context) => {
      if (context.task.result?.state === 'fail') failed = true;
    });

    afterAll(async () => {
      if (failed) {
        console.warn(`[oidc] console log: ${path.join(logDir, 'console.log')}`);
        for (const error of idp?.errors ?? []) console.warn('[oidc] provider error:', error);
      }
      for (const context of contexts) await context.close();
      await browser?.close();
      await web?.stop(5_000);
      await api?.close();
      await idp?.close();
      await rows?.close();
      await database?.drop();
      if (!failed) await rm(logDir, { recursive: true, force: true });
    });

    /** A fresh browser (no cookies at the console or the provider) that signs in with single sign-on. */
    async function signInWithSso(who: IdpAccount, screenshots?: string): Promise<Page> {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        colorScheme: 'light',
      });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${consoleUrl}/sign-in`);
      const button = page.getByRole('button', { name: SSO_BUTTON });
      await button.waitFor();
      if (screenshots) await saveScreenshot(page, `${screenshots}-1-sign-in`);
      await button.click();
      await page.waitForURL((url) => url.origin === idp.issuer && url.pathname.startsWith('/interaction/'));
      await page.getByLabel('Username').fill(who.login);
      if (screenshots) await saveScreenshot(page, `${screenshots}-2-provider-login`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const allow = page.getByRole('button', { name: 'Allow' });
      await allow.waitFor();
      if (screenshots) await saveScreenshot(page, `${screenshots}-3-provider-consent`);
      await allow.click();
      // Back from the provider through the console's callback, wherever that lands.
      await page.waitForURL((url) => url.origin !== idp.issuer && !url.pathname.startsWith('/api/auth/'), {
        timeout: 15_000,
      });
      expect(page.url().startsWith(`${consoleUrl}/`), `landed on ${page.url()}`).toBe(true);
      return page;
    }

    /** The account menu of the console shell, once the signed-in page has rendered. */
    async function accountMenuText(page: Page): Promise<string> {
      const menu = page.getByRole('button', { name: /Account menu/ });
      await menu.waitFor();
      return (await menu.textContent()) ?? '';
    }

    async function signUpWithPassword(email: string, name: string): Promise<string> {
      const response = await fetch(`${api.url}/api/v1/auth/sign-up`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD, name, orgName: `${name}'s team` }),
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { user: { id: string } }).user.id;
    }

    async function passwordSignInStatus(email: string): Promise<number> {
      const response = await fetch(`${api.url}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      return response.status;
    }

    it('creates a user with the verified e-mail on first sign-in and shows them in the console', async () => {
      const page = await signInWithSso(ADA, 'new-user');
      expect(new URL(page.url()).pathname).toBe('/fleet');
      expect(await accountMenuText(page)).toContain(ADA.name);
      await saveScreenshot(page, 'new-user-4-signed-in');

      // Auth.js sent PKCE (required by the provider), state and nonce, and asked for the e-mail.
      expect(idp.requests[0]).toMatchObject({
        client_id: CLIENT_ID,
        response_type: 'code',
        redirect_uri: `${consoleUrl}/api/auth/callback/oidc`,
        scope: 'openid email profile',
        code_challenge_method: 'S256',
      });
      expect(idp.requests[0]?.code_challenge).toMatch(/^[\w-]{43}$/);
      expect(idp.requests[0]?.state).toBeTruthy();
      expect(idp.requests[0]?.nonce).toBeTruthy();

      const users = await rows.usersWithEmail(ADA.email);
      expect(users).toEqual([
        { id: expect.any(String), email: ADA.email, name: ADA.name, emailVerified: true, hasPassword: false },
      ]);
      const userId = users[0]?.id ?? '';
      const memberships = await rows.memberships(userId);
      expect(memberships).toEqual([
        { orgId: expect.any(String), orgName: `${ADA.name}'s organisation`, role: 'owner' },
      ]);
      expect(await rows.audit(userId)).toEqual([
        { action: 'user.sign_up', orgId: memberships[0]?.orgId, details: { provider: 'oidc' } },
      ]);
      expect(await rows.identities(userId)).toEqual([
        { issuer: idp.issuer, subject: ADA.sub, email: ADA.email },
      ]);
      expect(await rows.sessions(userId)).toEqual([{ id: expect.any(String), revoked: false }]);
    });

    it('signs the same identity in again as the same user: no duplicate user, no second organisation', async () => {
      const [before] = await rows.usersWithEmail(ADA.email);
      const page = await signInWithSso(ADA);
      expect(await accountMenuText(page)).toContain(ADA.name);

      const users = await rows.usersWithEmail(ADA.email);
      expect(users.map((user) => user.id)).toEqual([before?.id]);
      const userId = before?.id ?? '';
      const memberships = await rows.memberships(userId);
      expect(memberships).toHaveLength(1);
      // Known by (issuer, subject): nothing to link again.
      expect((await rows.audit(userId)).map((entry) => entry.action)).toEqual(['user.sign_up']);
      expect(await rows.identities(userId)).toHaveLength(1);
      expect(await rows.sessions(userId)).toEqual([
        { id: expect.any(String), revoked: false },
        { id: expect.any(String), revoked: false },
      ]);
    });

    it('links an unverified password account of the same e-mail, clearing its password (pre-hijack defence)', async () => {
      const userId = await signUpWithPassword(GRACE.email, GRACE.name);
      const [orgBefore] = await rows.memberships(userId);
      expect(await passwordSignInStatus(GRACE.email)).toBe(200);

      const page = await signInWithSso(GRACE);
      expect(await accountMenuText(page)).toContain(GRACE.name);

      expect(await rows.usersWithEmail(GRACE.email)).toEqual([
        { id: userId, email: GRACE.email, name: GRACE.name, emailVerified: true, hasPassword: false },
      ]);
      expect(await rows.memberships(userId)).toEqual([orgBefore]);
      const link = (await rows.audit(userId)).find((entry) => entry.action === 'user.oidc_link');
      expect(link?.details).toEqual({ provider: 'oidc', issuer: idp.issuer, passwordCleared: true });
      expect(await rows.identities(userId)).toEqual([
        { issuer: idp.issuer, subject: GRACE.sub, email: GRACE.email },
      ]);
      // Whoever registered the address before its owner can no longer sign in with that password.
      expect(await passwordSignInStatus(GRACE.email)).toBe(401);
    });

    it('links a verified password account of the same e-mail and keeps its password', async () => {
      const userId = await signUpWithPassword(LINUS.email, LINUS.name);
      await rows.markEmailVerified(userId);
      const [orgBefore] = await rows.memberships(userId);

      const page = await signInWithSso(LINUS);
      expect(await accountMenuText(page)).toContain(LINUS.name);

      expect(await rows.usersWithEmail(LINUS.email)).toEqual([
        { id: userId, email: LINUS.email, name: LINUS.name, emailVerified: true, hasPassword: true },
      ]);
      expect(await rows.memberships(userId)).toEqual([orgBefore]);
      const link = (await rows.audit(userId)).find((entry) => entry.action === 'user.oidc_link');
      expect(link?.details).toEqual({ provider: 'oidc', issuer: idp.issuer, passwordCleared: false });
      expect(await passwordSignInStatus(LINUS.email)).toBe(200);
    });

    it('refuses an e-mail the provider has not verified, says why, and creates nothing', async () => {
      const page = await signInWithSso(MALLORY);
      const url = new URL(page.url());
      expect(url.pathname).toBe('/sign-in');
      expect(url.searchParams.get('error')).toBe('AccessDenied');
      await expect
        .poll(() => page.locator('form [role="alert"]').textContent())
        .toContain('did not confirm your e-mail address');
      await saveScreenshot(page, 'unverified-email-refused');
      expect(await rows.usersWithEmail(MALLORY.email)).toEqual([]);
      const cookies = await page.context().cookies(consoleUrl);
      expect(cookies.map((cookie) => cookie.name)).not.toContain('authjs.session-token');
    });
  },
);
