import { randomUUID } from 'node:crypto';
import { signInternalRequest } from '@berth/api-contract/internal-request';
import { seedOrg } from '@berth/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieFor, sessionCookieWithSid } from '../api-harness.js';
import {
  call,
  callInternal,
  type IdentityHarness,
  seedLoneUser,
  startIdentityApi,
} from './identity-harness.js';
import { addInvite } from './world.js';

let h: IdentityHarness;
let owner: pg.Client;
beforeAll(async () => {
  h = await startIdentityApi();
  owner = new pg.Client({ connectionString: h.database.adminUrl });
  await owner.connect();
});
afterAll(async () => {
  await owner?.end();
  await h?.stop();
});

const sessions = (cookie: string) => call(h, 'GET', '/api/v1/me/sessions', { cookie });

describe('console sessions', () => {
  it('registers a session for the console (signed internal call) whose sid makes the cookie valid', async () => {
    const org = await seedOrg(h.database.db);
    const created = await callInternal(h, '/api/v1/auth/sessions', {
      userId: org.userId,
      userAgent: 'Firefox',
      ip: '198.51.100.7',
    });
    expect(created.statusCode).toBe(201);
    const { sessionId } = created.json();
    const cookie = await sessionCookieWithSid(org.userId, sessionId, org.orgId);
    const list = await sessions(cookie);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([
      expect.objectContaining({ id: sessionId, current: true, userAgent: 'Firefox', ip: '198.51.100.7' }),
    ]);
    const audit = await call(h, 'GET', '/api/v1/audit-logs?action=session.create', { cookie });
    expect(audit.json().items[0]).toMatchObject({ actorUserId: org.userId, details: { ip: '198.51.100.7' } });
  });

  it('refuses internal calls that are unsigned, signed with another secret, stale, or whose body was changed', async () => {
    const org = await seedOrg(h.database.db);
    const path = '/api/v1/auth/sessions';
    const body = JSON.stringify({ userId: org.userId });
    const send = (signature: string | undefined, payload = body) =>
      h.api.app.inject({
        method: 'POST',
        url: path,
        headers: {
          'content-type': 'application/json',
          ...(signature ? { 'x-berth-internal': signature } : {}),
        },
        payload,
      });
    const good = signInternalRequest('test-secret-test-secret-test-secret-0123', {
      method: 'POST',
      path,
      body,
    });
    const cases = [
      await send(undefined),
      await send(signInternalRequest('another-secret-another-secret-012345', { method: 'POST', path, body })),
      await send(
        signInternalRequest(
          'test-secret-test-secret-test-secret-0123',
          { method: 'POST', path, body },
          Date.now() - 120_000,
        ),
      ),
      await send(good, JSON.stringify({ userId: randomUUID() })),
    ];
    expect(cases.map((response) => response.statusCode)).toEqual([401, 401, 401, 401]);
    expect(cases[0]?.json().error.code).toBe('unauthorised');
    expect((await send(good)).statusCode).toBe(201);
  });

  it('refuses a cookie whose session was revoked, never registered, or carries no sid', async () => {
    const org = await seedOrg(h.database.db);
    const cookie = await sessionCookieFor(org.userId);
    const other = await sessionCookieFor(org.userId);
    const mine = (await sessions(cookie)).json().items as { id: string; current: boolean }[];
    const otherId = mine.find((session) => !session.current)?.id;
    expect(mine).toHaveLength(2);
    expect((await call(h, 'DELETE', `/api/v1/me/sessions/${otherId}`, { cookie })).statusCode).toBe(204);
    const revoked = await sessions(other);
    expect(revoked.statusCode).toBe(401);
    expect(
      (await sessions(await sessionCookieWithSid(org.userId, 'never-registered-session-id'))).statusCode,
    ).toBe(401);
    const { encode } = await import('@auth/core/jwt');
    const noSid = await encode({
      token: { sub: org.userId },
      secret: 'test-secret-test-secret-test-secret-0123',
      salt: 'authjs.session-token',
    });
    expect((await sessions(`authjs.session-token=${noSid}`)).statusCode).toBe(401);
    // Someone else's sid under my user id is unknown too.
    const stranger = await seedOrg(h.database.db);
    const strangerSid = (await owner.query('SELECT id FROM user_sessions WHERE user_id = $1', [org.userId]))
      .rows[0].id;
    expect((await sessions(await sessionCookieWithSid(stranger.userId, strangerSid))).statusCode).toBe(401);
  });

  it('signs out this session, and revokes all others at once', async () => {
    const org = await seedOrg(h.database.db);
    const [here, a, b] = [
      await sessionCookieFor(org.userId),
      await sessionCookieFor(org.userId),
      await sessionCookieFor(org.userId),
    ];
    const others = await call(h, 'POST', '/api/v1/me/sessions/revoke-others', { cookie: here });
    expect(others.json()).toEqual({ revoked: 2 });
    expect([(await sessions(a)).statusCode, (await sessions(b)).statusCode]).toEqual([401, 401]);
    expect((await call(h, 'POST', '/api/v1/auth/sign-out', { cookie: here })).statusCode).toBe(204);
    expect((await sessions(here)).statusCode).toBe(401);
  });
});

describe('OIDC link (console back end)', () => {
  const ISSUER = 'https://idp.example.test';
  const link = (email: string, extra: Record<string, unknown> = {}) =>
    callInternal(h, '/api/v1/auth/oidc-link', {
      email,
      emailVerified: true,
      provider: 'oidc',
      name: 'Olga',
      issuer: ISSUER,
      subject: `sub-${email}`,
      ...extra,
    });
  const identitiesOf = async (userId: string) =>
    (
      await owner.query(
        'SELECT issuer, subject, email FROM user_identities WHERE user_id = $1 ORDER BY 1, 2',
        [userId],
      )
    ).rows;

  it('creates a brand-new user with an organisation of their own', async () => {
    const response = await link('olga@example.test');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ outcome: 'created', user: { email: 'olga@example.test', name: 'Olga' } });
    expect(body.memberships).toEqual([
      expect.objectContaining({ orgName: "Olga's organisation", role: 'owner' }),
    ]);
    expect(body.joinedOrgIds).toEqual([body.memberships[0].orgId]);
    const { rows } = await owner.query('SELECT email_verified, password_hash FROM users WHERE id = $1', [
      body.user.id,
    ]);
    expect(rows[0].email_verified).not.toBeNull();
    expect(rows[0].password_hash).toBeNull();
    expect(await identitiesOf(body.user.id)).toEqual([
      { issuer: ISSUER, subject: 'sub-olga@example.test', email: 'olga@example.test' },
    ]);
  });

  it('signs a known identity in as its user after its e-mail changed at the provider', async () => {
    const first = (await link('renamed-before@example.test', { subject: 'sub-renamed' })).json();
    const again = await link('renamed-after@example.test', { subject: 'sub-renamed' });
    expect(again.json()).toMatchObject({ outcome: 'linked', user: { id: first.user.id } });
    expect(await identitiesOf(first.user.id)).toEqual([
      { issuer: ISSUER, subject: 'sub-renamed', email: 'renamed-after@example.test' },
    ]);
    const { rows } = await owner.query(
      "SELECT count(*)::int AS n FROM users WHERE email = 'renamed-after@example.test'",
    );
    expect(rows[0].n).toBe(0);
  });

  it('refuses a second identity of the same provider on an account (a re-issued e-mail)', async () => {
    const first = (await link('reissued@example.test', { subject: 'sub-first-holder' })).json();
    const newcomer = await link('reissued@example.test', { subject: 'sub-second-holder' });
    expect(newcomer.statusCode).toBe(409);
    expect(await identitiesOf(first.user.id)).toEqual([
      { issuer: ISSUER, subject: 'sub-first-holder', email: 'reissued@example.test' },
    ]);
    // Another provider's identity with the verified e-mail still links.
    const elsewhere = await link('reissued@example.test', {
      issuer: 'https://other-idp.example.test',
      subject: 'sub-first-holder',
    });
    expect(elsewhere.json()).toMatchObject({ outcome: 'linked', user: { id: first.user.id } });
  });

  it('lets a brand-new user join through pending invites to their e-mail instead', async () => {
    const org = await seedOrg(h.database.db);
    const invite = await addInvite(h.database, org.orgId, {
      email: 'invited-sso@example.test',
      role: 'operator',
    });
    const body = (await link('invited-sso@example.test')).json();
    expect(body.outcome).toBe('created');
    expect(body.joinedOrgIds).toEqual([org.orgId]);
    expect(body.memberships).toEqual([expect.objectContaining({ orgId: org.orgId, role: 'operator' })]);
    const { rows } = await owner.query('SELECT accepted_at FROM invites WHERE id = $1', [invite.inviteId]);
    expect(rows[0].accepted_at).not.toBeNull();
  });

  it("links an existing account; an unverified one's password (maybe a squatter's) is cleared", async () => {
    const userId = await seedLoneUser(h.database, 'squatted@example.test', 'squatter password 1');
    const cookie = await sessionCookieFor(userId);
    const body = (await link('squatted@example.test')).json();
    expect(body).toMatchObject({ outcome: 'linked', user: { id: userId }, joinedOrgIds: [] });
    const { rows } = await owner.query('SELECT email_verified, password_hash FROM users WHERE id = $1', [
      userId,
    ]);
    expect(rows[0].password_hash).toBeNull();
    expect(rows[0].email_verified).not.toBeNull();
    expect((await sessions(cookie)).statusCode).toBe(401);
    expect(await identitiesOf(userId)).toEqual([
      { issuer: ISSUER, subject: 'sub-squatted@example.test', email: 'squatted@example.test' },
    ]);
    const again = await link('squatted@example.test');
    expect(again.json()).toMatchObject({ outcome: 'linked', user: { id: userId } });
  });

  it('refuses an unverified e-mail and any call without the internal signature', async () => {
    const unverified = await link('unverified@example.test', { emailVerified: false });
    expect(unverified.statusCode).toBe(400);
    expect(unverified.json().error.details.issues[0].field).toBe('emailVerified');
    const unsigned = await callInternal(
      h,
      '/api/v1/auth/oidc-link',
      { email: 'sneaky@example.test', emailVerified: true, provider: 'oidc', issuer: ISSUER, subject: 's' },
      false,
    );
    expect(unsigned.statusCode).toBe(401);
    const { rows } = await owner.query(
      "SELECT count(*)::int AS n FROM users WHERE email IN ('sneaky@example.test', 'unverified@example.test')",
    );
    expect(rows[0].n).toBe(0);
  });
});
