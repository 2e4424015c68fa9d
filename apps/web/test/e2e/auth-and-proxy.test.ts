import { decode } from '@auth/core/jwt';
import { CLIENT_ADDRESS_HEADER, verifyClientAddress } from '@berth/config';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, saveScreenshot } from '../browser/chromium';
import { hasBuild, type RunningNext, startNext } from './next-server';
import { DEVICE_TOKEN, ORGS, PASSWORD, type StubApi, startStubApi, USER } from './stub-api';

const SECRET = 'e2e-secret-0123456789abcdef0123456789abcdef';
const COOKIE = 'authjs.session-token';

if (!hasBuild())
  console.warn('e2e skipped: no production build in apps/web/.next (run `npm run build -w @berth/web`)');

describe.skipIf(!hasBuild())('console sign-in, session cookie and API proxy (next start)', () => {
  let api: StubApi;
  let next: RunningNext;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  async function sessionClaims() {
    const cookie = (await context.cookies()).find((entry) => entry.name === COOKIE);
    if (!cookie) return null;
    return { cookie, claims: await decode({ token: cookie.value, secret: SECRET, salt: COOKIE }) };
  }

  beforeAll(async () => {
    api = await startStubApi(SECRET);
    next = await startNext((url) => ({
      AUTH_SECRET: SECRET,
      API_INTERNAL_URL: api.url,
      BERTH_PUBLIC_URL: url,
    }));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await next?.stop();
    await api?.close();
  });

  it('sends a signed-out visitor to the sign-in page, remembering where they were going', async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    page = await context.newPage();
    await page.goto(`${next.url}/fleet`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(new URL(page.url()).searchParams.get('callbackUrl')).toBe('/fleet');
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in to Berth' }).isVisible()).toBe(true);
    await saveScreenshot(page, 'sign-in-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await saveScreenshot(page, 'sign-in-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('refuses a wrong password with a message and sets no cookie', async () => {
    await page.getByLabel('Email').fill(USER.email);
    await page.getByLabel('Password').fill('wrong password!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.locator('form [role="alert"]').textContent())
      .toBe('Wrong email or password.');
    expect(await sessionClaims()).toBeNull();
  });

  it('signs in through the API and issues the cookie the API can read: HttpOnly, Lax, sub, sid, orgId', async () => {
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${next.url}/fleet`);
    const session = await sessionClaims();
    expect(session?.cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });
    expect(session?.claims).toMatchObject({ sub: USER.id, orgId: ORGS[0]?.orgId, email: USER.email });
    expect(api.sessions.get(String(session?.claims?.sid))).toEqual({ userId: USER.id, revoked: false });
    // The console vouches for the browser's address (signed), and passes on no X-Forwarded-For.
    const signIn = api.calls.find((call) => call.path === '/api/v1/auth/sign-in');
    expect(signIn?.headers['x-forwarded-for']).toBeUndefined();
    const vouched = signIn?.headers[CLIENT_ADDRESS_HEADER];
    expect(verifyClientAddress(SECRET, vouched, { method: 'POST', path: '/api/v1/auth/sign-in' })).toBe(
      '127.0.0.1',
    );
    const device = (await context.cookies()).find((entry) => entry.name === 'berth-device');
    expect(device).toMatchObject({ value: DEVICE_TOKEN, httpOnly: true, sameSite: 'Lax', path: '/' });
  });

  it('shows the shell and teaches the empty fleet', async () => {
    await expect
      .poll(() => page.getByRole('heading', { name: 'Connect your first host' }).isVisible())
      .toBe(true);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual([
      'Fleet',
      'Containers',
      'Groups',
      'Checks',
      'Updates',
      // The stub fires nothing, so the alerts badge stays hidden.
      'Alerts',
      'Events',
      'Actions',
      'Audit log',
      'Settings',
    ]);
    await saveScreenshot(page, 'fleet-empty-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(page, 'fleet-empty-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('proxies /api/v1 with the cookie and the console Origin, so the API’s CSRF check passes', async () => {
    const echoed = await page.evaluate(async () => {
      const response = await fetch('/api/v1/echo', {
        method: 'POST',
        body: 'ping',
        headers: { 'content-type': 'text/plain' },
      });
      return { status: response.status, body: await response.json() };
    });
    expect(echoed).toEqual({ status: 200, body: { origin: next.url, body: 'ping', orgId: ORGS[0]?.orgId } });
    const echo = api.calls.findLast((call) => call.path === '/api/v1/echo');
    expect(echo?.headers.cookie).toContain(`${COOKIE}=`);
    expect(echo?.headers['x-forwarded-host']).toBe(new URL(next.url).host);
  });

  it('serves the installer and the agent checksum from the console address, to hosts without a session', async () => {
    const installer = await fetch(`${next.url}/install.sh`, { redirect: 'manual' });
    expect(installer.status).toBe(200);
    expect(await installer.text()).toBe('#!/bin/sh\necho "stub installer"\n');
    const checksum = await fetch(`${next.url}/agent/berth-agent-linux-x64-gnu.sha256`, {
      redirect: 'manual',
    });
    expect([checksum.status, (await checksum.text()).trim()]).toEqual([200, 'ab'.repeat(32)]);
    expect(api.calls.filter((call) => call.path === '/install.sh').at(-1)?.headers.cookie).toBeUndefined();
  });

  it('streams server-sent events through the proxy as they happen', async () => {
    const ticks = await page.evaluate(
      () =>
        new Promise<number[]>((resolve) => {
          const seen: number[] = [];
          const source = new EventSource('/api/v1/stream');
          source.addEventListener('host.status', (event) => {
            seen.push((JSON.parse((event as MessageEvent<string>).data) as { tick: number }).tick);
            if (seen.length === 3) {
              source.close();
              resolve(seen);
            }
          });
        }),
    );
    expect(ticks).toEqual([1, 2, 3]);
    // The upstream never ends the stream: events arriving at all proves nothing buffers it.
    const response = await fetch(`${next.url}/api/v1/stream`, { headers: { cookie: await cookieHeader() } });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    const reader = response.body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toContain('event: host.status');
    await reader?.cancel();
  });

  it('switches organisation by re-issuing the cookie with the new orgId', async () => {
    await page.getByRole('button', { name: /Switch organisation/ }).click();
    await page.getByRole('menuitemradio', { name: /Globex/ }).click();
    await expect.poll(async () => (await sessionClaims())?.claims?.orgId).toBe(ORGS[1]?.orgId);
    // The switch is one transition (the server action, then the refresh that renders the new
    // organisation): the button is busy from the click until the refresh has rendered.
    const switcher = page.getByRole('button', { name: /Switch organisation/ });
    await switcher.and(page.locator('[aria-busy="false"]')).waitFor();
    expect(await switcher.textContent()).toContain('Globex');
  });

  it('is usable on a phone: the sidebar becomes a drawer', async () => {
    // No slide animation, so screenshots show where the drawer ends up.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.setViewportSize({ width: 390, height: 780 });
    await saveScreenshot(page, 'fleet-phone-light');
    const toggle = page.getByRole('button', { name: 'Open navigation' });
    await toggle.click();
    await expect.poll(() => page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true);
    await saveScreenshot(page, 'fleet-phone-drawer-light');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('signs out: the API revokes the session and the cookie is cleared', async () => {
    const sid = String((await sessionClaims())?.claims?.sid);
    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    expect(await sessionClaims()).toBeNull();
    expect(api.sessions.get(sid)?.revoked).toBe(true);
  });

  async function cookieHeader(): Promise<string> {
    return (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
  }
});
