import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_REFUSED } from '../../services/identity/auth/sign-in.js';
import { sessionCookieFor } from '../api-harness.js';
import { call, type IdentityHarness, seedLoneUser, startIdentityApi } from './identity-harness.js';
import { linkIn, tokenOf } from './mail-sink.js';

const PASSWORD = 'correct horse battery staple';
let h: IdentityHarness;
let owner: pg.Client;
let ip = 0;
/** Each test signs in from its own address, so the per-address limit does not leak between them. */
const fromNewAddress = () => {
  ip += 1;
  return `192.0.2.${ip}`;
};

beforeAll(async () => {
  h = await startIdentityApi();
  owner = new pg.Client({ connectionString: h.database.adminUrl });
  await owner.connect();
});
afterAll(async () => {
  await owner?.end();
  await h?.stop();
});

const signIn = (email: string, password: string, address: string) =>
  call(h, 'POST', '/api/v1/auth/sign-in', { ip: address }, { email, password });

describe('sign-up', () => {
  it('creates the user and an organisation they own', async () => {
    const response = await call(
      h,
      'POST',
      '/api/v1/auth/sign-up',
      { ip: fromNewAddress() },
      {
        email: 'Founder@Example.test',
        password: PASSWORD,
        name: 'Fran',
        orgName: 'Acme',
      },
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      user: { email: 'founder@example.test', name: 'Fran' },
      memberships: [{ orgName: 'Acme', role: 'owner' }],
    });
    const { rows } = await owner.query('SELECT password_hash FROM users WHERE email = $1', [
      'founder@example.test',
    ]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
  });

  it('names each invalid field, and refuses a taken e-mail naming the field', async () => {
    const bad = await call(
      h,
      'POST',
      '/api/v1/auth/sign-up',
      { ip: fromNewAddress() },
      {
        email: 'not-an-email',
        password: 'short',
      },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues.map((issue: { field: string }) => issue.field)).toEqual([
      'email',
      'password',
    ]);
    const body = { email: 'twice@example.test', password: PASSWORD };
    expect((await call(h, 'POST', '/api/v1/auth/sign-up', { ip: fromNewAddress() }, body)).statusCode).toBe(
      201,
    );
    const again = await call(h, 'POST', '/api/v1/auth/sign-up', { ip: fromNewAddress() }, body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.issues[0].field).toBe('email');
  });
});

describe('sign-in', () => {
  it('answers unknown accounts and wrong passwords with the same generic 401', async () => {
    await seedLoneUser(h.database, 'known@example.test', PASSWORD);
    const address = fromNewAddress();
    const unknown = await signIn('nobody@example.test', PASSWORD, address);
    const wrong = await signIn('known@example.test', 'wrong password!', address);
    expect([unknown.statusCode, wrong.statusCode]).toEqual([401, 401]);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.json().error.message).toBe(SIGN_IN_REFUSED);
    const ok = await signIn('KNOWN@example.test', PASSWORD, address);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.email).toBe('known@example.test');
    // A device token for the browser (the console keeps it in a cookie), new at each sign-in.
    expect(ok.json().device.token).toMatch(/^berth_device_[\w-]{43}$/);
  });

  it('slows down the client that keeps failing (429, Retry-After) without locking the account for its owner', async () => {
    await seedLoneUser(h.database, 'slowed@example.test', PASSWORD);
    const guesser = fromNewAddress();
    for (let i = 0; i < 5; i += 1) {
      expect((await signIn('slowed@example.test', `wrong ${i}`, guesser)).statusCode).toBe(401);
    }
    const held = await signIn('slowed@example.test', PASSWORD, guesser);
    expect(held.statusCode).toBe(429);
    expect(held.headers['retry-after']).toBe('1');
    expect(held.json().error).toMatchObject({
      code: 'rate_limited',
      details: { retryAfterS: 1, limitedBy: 'client' },
    });
    expect((await signIn('slowed@example.test', PASSWORD, fromNewAddress())).statusCode).toBe(200);
  });

  it('forgives a client its failures once it signs in: four, a success, five more are all checked', async () => {
    await seedLoneUser(h.database, 'careless@example.test', PASSWORD);
    const address = fromNewAddress();
    for (let i = 0; i < 4; i += 1)
      expect((await signIn('careless@example.test', `wrong ${i}`, address)).statusCode).toBe(401);
    expect((await signIn('careless@example.test', PASSWORD, address)).statusCode).toBe(200);
    for (let i = 0; i < 5; i += 1)
      expect((await signIn('careless@example.test', `wrong again ${i}`, address)).statusCode).toBe(401);
    expect((await signIn('careless@example.test', PASSWORD, address)).statusCode).toBe(429);
  });

  it('limits sign-in attempts per client address (429 in the error shape)', async () => {
    const address = fromNewAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i += 1)
      statuses.push((await signIn(`spray-${i}@example.test`, 'guess', address)).statusCode);
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    const limited = await signIn('spray@example.test', 'guess', address);
    expect(limited.json().error.code).toBe('rate_limited');
    expect((await signIn('spray@example.test', 'guess', fromNewAddress())).statusCode).toBe(401);
  });
});

describe('password reset by e-mail link', () => {
  it('mails a link that sets a new password once, signs every session out, and then is spent', async () => {
    const userId = await seedLoneUser(h.database, 'forgetful@example.test', PASSWORD);
    const cookie = await sessionCookieFor(userId);
    const asked = await call(
      h,
      'POST',
      '/api/v1/auth/password-reset',
      { ip: fromNewAddress() },
      {
        email: 'forgetful@example.test',
      },
    );
    expect(asked.statusCode).toBe(202);
    const link = linkIn(await h.mail.next('forgetful@example.test'));
    expect(link).toMatch(/^http:\/\/berth\.test\/reset-password\/confirm\?token=berth_reset_/);
    const token = tokenOf(link);
    const newPassword = 'a brand new passphrase';
    const confirm = () =>
      call(
        h,
        'POST',
        '/api/v1/auth/password-reset/confirm',
        { ip: fromNewAddress() },
        { token, password: newPassword },
      );
    const first = await confirm();
    expect(first.statusCode).toBe(204);
    expect(first.body).toBe('');
    const second = await confirm();
    expect(second.statusCode).toBe(410);
    expect(second.json().error.details.reason).toBe('used');
    expect((await signIn('forgetful@example.test', newPassword, fromNewAddress())).statusCode).toBe(200);
    expect((await signIn('forgetful@example.test', PASSWORD, fromNewAddress())).statusCode).toBe(401);
    expect((await call(h, 'GET', '/api/v1/me/sessions', { cookie })).statusCode).toBe(401);
  });

  it('refuses an expired link, and answers an unknown address the same way without sending mail', async () => {
    await seedLoneUser(h.database, 'slow@example.test', PASSWORD);
    await call(
      h,
      'POST',
      '/api/v1/auth/password-reset',
      { ip: fromNewAddress() },
      { email: 'slow@example.test' },
    );
    const token = tokenOf(linkIn(await h.mail.next('slow@example.test')));
    await owner.query("UPDATE password_resets SET expires_at = now() - interval '1 second'");
    const expired = await call(
      h,
      'POST',
      '/api/v1/auth/password-reset/confirm',
      { ip: fromNewAddress() },
      {
        token,
        password: 'too late for this one',
      },
    );
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.details.reason).toBe('expired');
    const before = h.mail.messages.length;
    const unknown = await call(
      h,
      'POST',
      '/api/v1/auth/password-reset',
      { ip: fromNewAddress() },
      {
        email: 'ghost@example.test',
      },
    );
    expect(unknown.statusCode).toBe(202);
    expect(unknown.json()).toEqual({ accepted: true });
    const { rows } = await owner.query('SELECT count(*)::int AS n FROM password_resets');
    expect(rows[0].n).toBe(2);
    expect(h.mail.messages.length).toBe(before);
  });
});

describe('password change', () => {
  it('requires the current password and signs out the other sessions only', async () => {
    const userId = await seedLoneUser(h.database, 'changer@example.test', PASSWORD);
    const here = await sessionCookieFor(userId);
    const elsewhere = await sessionCookieFor(userId);
    const wrong = await call(
      h,
      'PUT',
      '/api/v1/me/password',
      { cookie: here },
      {
        currentPassword: 'not it at all',
        newPassword: 'the next passphrase',
      },
    );
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.details.issues[0].field).toBe('currentPassword');
    const ok = await call(
      h,
      'PUT',
      '/api/v1/me/password',
      { cookie: here },
      {
        currentPassword: PASSWORD,
        newPassword: 'the next passphrase',
      },
    );
    expect(ok.statusCode).toBe(204);
    expect((await call(h, 'GET', '/api/v1/me/sessions', { cookie: here })).statusCode).toBe(200);
    expect((await call(h, 'GET', '/api/v1/me/sessions', { cookie: elsewhere })).statusCode).toBe(401);
    expect((await signIn('changer@example.test', 'the next passphrase', fromNewAddress())).statusCode).toBe(
      200,
    );
  });

  it('refuses a cookie-authenticated write without the console Origin (CSRF), but not a bearer call', async () => {
    const userId = await seedLoneUser(h.database, 'csrf@example.test', PASSWORD);
    const cookie = await sessionCookieFor(userId);
    const body = { currentPassword: PASSWORD, newPassword: 'attacker chosen pass' };
    for (const origin of [null, 'http://evil.test']) {
      const forged = await call(h, 'PUT', '/api/v1/me/password', { cookie, origin }, body);
      expect(forged.statusCode).toBe(403);
      expect(forged.json().error.message).toMatch(/cross-site/);
    }
    expect((await signIn('csrf@example.test', PASSWORD, fromNewAddress())).statusCode).toBe(200);
  });
});
