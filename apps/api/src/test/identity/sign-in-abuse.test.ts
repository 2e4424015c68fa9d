import { CLIENT_ADDRESS_HEADER, parseTrustProxy, signClientAddress } from '@berth/config';
import { seedOrg } from '@berth/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  sessionCookieFor,
  sessionCookieWithSid,
  startTestApi,
  TEST_SECRET,
  type TestApi,
} from '../api-harness.js';
import {
  call,
  callInternal,
  type IdentityHarness,
  seedMember,
  startIdentityApi,
} from './identity-harness.js';
import { linkIn, tokenOf } from './mail-sink.js';

// Issue 13: client addresses anyone could forge, and a lockout anyone could trigger.

const PASSWORD = 'correct horse battery staple';
/** The proxy in front of `proxied`, and the address it says the client has. */
const PROXY = '10.0.0.1';

let h: IdentityHarness;
let proxied: TestApi;

beforeAll(async () => {
  h = await startIdentityApi();
  proxied = await startTestApi(h.database, { trustProxy: parseTrustProxy(PROXY), smtpUrl: h.mail.url });
});
afterAll(async () => {
  await proxied?.stop();
  await h?.stop();
});

const signIn = (
  api: TestApi,
  email: string,
  password: string,
  ip: string,
  headers: Record<string, string> = {},
) => call(api, 'POST', '/api/v1/auth/sign-in', { ip, headers }, { email, password });

/** An org owner's cookie, and the address the audit log recorded for their latest audited call. */
async function auditedAddress(api: TestApi, ip: string, headers: Record<string, string>): Promise<string> {
  const org = await seedOrg(h.database.db);
  const cookie = await sessionCookieFor(org.userId, org.orgId, { database: h.database });
  const revoked = await call(api, 'POST', '/api/v1/me/sessions/revoke-others', { cookie, ip, headers });
  expect(revoked.statusCode).toBe(200);
  const audit = await call(h, 'GET', '/api/v1/audit-logs?action=session.revoke_others', { cookie });
  return audit.json().items[0].ip;
}

describe('client addresses', () => {
  it('ignores a rotating X-Forwarded-For from an untrusted client: one rate-limit key, one recorded address', async () => {
    const peer = '198.51.100.20';
    const statuses: number[] = [];
    for (let i = 0; i < 21; i += 1) {
      const forged = { 'x-forwarded-for': `203.0.113.${i + 1}` };
      statuses.push((await signIn(h, `spray-${i}@example.test`, 'guess', peer, forged)).statusCode);
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect(await auditedAddress(h, peer, { 'x-forwarded-for': '203.0.113.55' })).toBe(peer);
  });

  it('behind the configured proxy, limits and records the client it names, and ignores the header from anyone else', async () => {
    const rotating: number[] = [];
    const fixed: number[] = [];
    for (let i = 0; i < 21; i += 1) {
      // Whatever the client put in front, the proxy appends the address it saw: the right-most entry.
      const real = { 'x-forwarded-for': `6.6.6.6, 203.0.114.${i + 1}` };
      rotating.push((await signIn(proxied, `proxied-${i}@example.test`, 'guess', PROXY, real)).statusCode);
      const same = { 'x-forwarded-for': `6.6.6.${i + 1}, 203.0.114.200` };
      fixed.push((await signIn(proxied, `proxied-${i}@example.test`, 'guess', PROXY, same)).statusCode);
    }
    expect(rotating.filter((status) => status === 429)).toEqual([]);
    expect(fixed.indexOf(429)).toBe(20);
    const behind = { 'x-forwarded-for': '6.6.6.6, 203.0.114.77' };
    expect(await auditedAddress(proxied, PROXY, behind)).toBe('203.0.114.77');
    expect(await auditedAddress(proxied, '198.51.100.21', behind)).toBe('198.51.100.21');
  });

  it('takes the browser address the console signs, and ignores a forged, misdirected or unsigned one', async () => {
    const console = '192.0.2.10';
    const vouch = (address: string, path: string, secret = TEST_SECRET) => ({
      [CLIENT_ADDRESS_HEADER]: signClientAddress(secret, address, { method: 'POST', path }),
    });
    const path = '/api/v1/me/sessions/revoke-others';
    expect(await auditedAddress(h, console, vouch('203.0.113.91', path))).toBe('203.0.113.91');
    expect(await auditedAddress(h, console, vouch('203.0.113.92', path, 'x'.repeat(40)))).toBe(console);
    expect(await auditedAddress(h, console, vouch('203.0.113.93', '/api/v1/auth/sign-in'))).toBe(console);
    expect(
      await auditedAddress(h, console, { [CLIENT_ADDRESS_HEADER]: 'v1,t=1,a=203.0.113.94,sig=00' }),
    ).toBe(console);
  });

  it('shows the address the console vouched for in the sessions list and the audit log', async () => {
    const org = await seedOrg(h.database.db);
    const path = '/api/v1/auth/sessions';
    const vouched = {
      [CLIENT_ADDRESS_HEADER]: signClientAddress(TEST_SECRET, '203.0.113.120', { method: 'POST', path }),
    };
    const created = await callInternal(h, path, { userId: org.userId, userAgent: 'Firefox' }, true, vouched);
    expect(created.statusCode).toBe(201);
    const cookie = await sessionCookieWithSid(org.userId, created.json().sessionId, org.orgId);
    const sessions = await call(h, 'GET', '/api/v1/me/sessions', { cookie });
    expect(sessions.json().items[0]).toMatchObject({ current: true, ip: '203.0.113.120' });
    const audit = await call(h, 'GET', '/api/v1/audit-logs?action=session.create', { cookie });
    expect(audit.json().items[0]).toMatchObject({ ip: '203.0.113.120', details: { ip: '203.0.113.120' } });
  });
});

describe('sign-in throttling instead of a lockout', () => {
  it('leaves the owner signing in from their usual address and browser after 100 wrong passwords from 100 addresses, and mails a way in for a new browser', async () => {
    const org = await seedOrg(h.database.db);
    const { email } = await seedMember(h.database, org.orgId, 'admin', { password: PASSWORD });
    const usual = '198.51.100.60';
    const first = await signIn(h, email, PASSWORD, usual);
    expect(first.statusCode).toBe(200);
    const device: string = first.json().device.token;

    const started = performance.now();
    const outcomes: { status: number; retryAfterS?: number }[] = [];
    for (let i = 0; i < 100; i += 1) {
      const guess = await signIn(h, email, `guess number ${i}`, `203.0.115.${i + 1}`);
      outcomes.push({ status: guess.statusCode, retryAfterS: guess.json().error.details?.retryAfterS });
    }
    const elapsedMs = Math.round(performance.now() - started);
    const checked = outcomes.filter((outcome) => outcome.status === 401).length;
    const held = outcomes.filter((outcome) => outcome.status === 429);
    console.info(
      `[sign-in abuse] 100 wrong passwords from 100 addresses in ${elapsedMs} ms: ${checked} reached the password check, ${held.length} were told to retry after ${Math.max(...held.map((o) => o.retryAfterS ?? 0))} s`,
    );
    expect(checked).toBe(10);
    expect(held.length).toBe(90);
    expect(outcomes.every((outcome) => outcome.status === 401 || outcome.status === 429)).toBe(true);

    // The owner: from the usual address, and from a hotel with the browser that signed in before.
    expect((await signIn(h, email, PASSWORD, usual)).statusCode).toBe(200);
    const hotel = await call(
      h,
      'POST',
      '/api/v1/auth/sign-in',
      { ip: '192.0.2.200' },
      { email, password: PASSWORD, device },
    );
    expect(hotel.statusCode).toBe(200);
    // A new browser in a new place waits with the attacker's clients…
    const laptop = '192.0.2.201';
    const waiting = await signIn(h, email, PASSWORD, laptop);
    expect(waiting.json().error.details).toMatchObject({ limitedBy: 'account' });
    // …unless it opens the link the owner was mailed once about the burst.
    const link = linkIn(await h.mail.next(email));
    expect(link).toMatch(/^http:\/\/berth\.test\/sign-in\/unlock\?token=berth_unlock_/);
    const unlocked = await call(
      h,
      'POST',
      '/api/v1/auth/sign-in/unlock',
      { ip: laptop },
      { token: tokenOf(link) },
    );
    expect(unlocked.statusCode).toBe(200);
    const trusted = await call(
      h,
      'POST',
      '/api/v1/auth/sign-in/unlock',
      { ip: laptop },
      { token: tokenOf(link) },
    );
    expect(trusted.statusCode).toBe(410);
    const fromLaptop = await call(
      h,
      'POST',
      '/api/v1/auth/sign-in',
      { ip: laptop },
      { email, password: PASSWORD, device: unlocked.json().device.token },
    );
    expect(fromLaptop.statusCode).toBe(200);
    expect(h.mail.messages.filter((mail) => mail.to.includes(email))).toHaveLength(1);

    const ownerCookie = await sessionCookieFor(org.userId, org.orgId, { database: h.database });
    await expect
      .poll(async () => {
        const audit = await call(h, 'GET', '/api/v1/audit-logs?action=user.sign_in_throttled', {
          cookie: ownerCookie,
        });
        return audit.json().items.map((item: { details: { address: string } }) => item.details.address);
      })
      .toEqual(['203.0.115.11']);
  });

  it('never holds back a single sign-on user over password attempts on their e-mail', async () => {
    const identity = {
      email: 'sso-only@example.test',
      emailVerified: true,
      provider: 'oidc',
      issuer: 'https://idp.example.test',
      subject: 'sso-only-subject',
    };
    const created = await callInternal(h, '/api/v1/auth/oidc-link', identity);
    expect(created.json().outcome).toBe('created');
    const mailed = h.mail.messages.length;
    const statuses = new Set<number>();
    for (let i = 0; i < 100; i += 1) {
      statuses.add((await signIn(h, identity.email, `guess number ${i}`, `203.0.116.${i + 1}`)).statusCode);
    }
    expect([...statuses].sort()).toEqual([401, 429]);
    const again = await callInternal(h, '/api/v1/auth/oidc-link', identity);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ outcome: 'linked', user: { id: created.json().user.id } });
    const session = await callInternal(h, '/api/v1/auth/sessions', { userId: created.json().user.id });
    expect(session.statusCode).toBe(201);
    // No password, so nothing to guess and no one to warn.
    expect(h.mail.messages.length).toBe(mailed);
  });
});
