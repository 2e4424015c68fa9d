import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  crossTenantBeginPasswordSignIn,
  crossTenantConsumeSignInUnlock,
  crossTenantFinishPasswordSignIn,
  type PasswordSignInAttempt,
} from '../cross-tenant/index.js';
import { hashSecret } from '../secrets.js';
import { advanceSignInClock, createTestDatabase, type TestDatabase } from '../testing/index.js';

let database: TestDatabase;
let owner: pg.Client;
let app: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = new pg.Client({ connectionString: database.adminUrl });
  app = new pg.Client({ connectionString: database.appUrl });
  await Promise.all([owner.connect(), app.connect()]);
});
afterAll(async () => {
  await Promise.all([owner?.end(), app?.end()]);
  await database?.drop();
});

async function newUser(password = true): Promise<string> {
  const email = `throttle-${randomUUID()}@example.test`;
  await owner.query('INSERT INTO users (id, email, password_hash) VALUES ($1, $2, $3)', [
    randomUUID(),
    email,
    password ? '$argon2id$not-checked-here' : null,
  ]);
  return email;
}

const attempt = (email: string, addressKey: string, deviceHash?: string) =>
  crossTenantBeginPasswordSignIn(database.db, email, { addressKey, deviceHash }, hashSecret(randomUUID()));

/** A successful sign-in from this client: step 1 then step 2 (the password is not what is tested here). */
async function succeed(email: string, addressKey: string, deviceHash?: string, newDevice = randomUUID()) {
  const begun = await attempt(email, addressKey, deviceHash);
  if (begun.status !== 'check' || !begun.userId) throw new Error(`expected a check, got ${begun.status}`);
  await crossTenantFinishPasswordSignIn(
    database.db,
    begun.userId,
    { addressKey, deviceHash, known: begun.known },
    hashSecret(newDevice),
  );
  return hashSecret(newDevice);
}

const statusOf = (result: PasswordSignInAttempt) =>
  result.status === 'check' ? 'check' : `${result.limitedBy} ${result.retryAfterS}s`;

describe('password sign-in throttling (cross_tenant.begin/finish_password_sign_in)', () => {
  it('lets one client fail 5 times freely, then makes it wait 1 s, 2 s, 4 s … and forgets after a success', async () => {
    const email = await newUser();
    const seen: string[] = [];
    for (let i = 0; i < 5; i += 1) seen.push(statusOf(await attempt(email, '192.0.2.1')));
    seen.push(statusOf(await attempt(email, '192.0.2.1')));
    await advanceSignInClock(owner, 1);
    seen.push(statusOf(await attempt(email, '192.0.2.1')));
    seen.push(statusOf(await attempt(email, '192.0.2.1')));
    await advanceSignInClock(owner, 2);
    seen.push(statusOf(await attempt(email, '192.0.2.1')));
    seen.push(statusOf(await attempt(email, '192.0.2.1')));
    expect(seen).toEqual([
      ...Array(5).fill('check'),
      'client 1s',
      'check',
      'client 2s',
      'check',
      'client 4s',
    ]);
    // Another address is another client: its own five free tries.
    expect(statusOf(await attempt(email, '192.0.2.2'))).toBe('check');
    await advanceSignInClock(owner, 4);
    await succeed(email, '192.0.2.1');
    for (let i = 0; i < 5; i += 1) expect(statusOf(await attempt(email, '192.0.2.1'))).toBe('check');
  });

  it('caps unfamiliar clients of one account at 10, then one every 6 minutes, while a known address and device are not held back', async () => {
    const email = await newUser();
    const device = await succeed(email, '198.51.100.1');
    const results: string[] = [];
    for (let i = 0; i < 12; i += 1) results.push(statusOf(await attempt(email, `203.0.113.${i + 1}`)));
    expect(results.slice(0, 10)).toEqual(Array(10).fill('check'));
    expect(results.slice(10)).toEqual(['account 360s', 'account 360s']);
    expect(statusOf(await attempt(email, '198.51.100.1'))).toBe('check');
    expect(statusOf(await attempt(email, '203.0.113.99', device))).toBe('check');
    await advanceSignInClock(owner, 360);
    expect(statusOf(await attempt(email, '203.0.113.50'))).toBe('check');
    expect(statusOf(await attempt(email, '203.0.113.51'))).toBe('account 360s');
  });

  it('asks for the burst e-mail once per 6 hours, storing the unlock link only then, for accounts with a password', async () => {
    const email = await newUser();
    const notifications: (string | null)[] = [];
    const unlock = `berth_unlock_${randomUUID()}`;
    for (let i = 0; i < 14; i += 1) {
      const result = await crossTenantBeginPasswordSignIn(
        database.db,
        email,
        { addressKey: `203.0.113.${i + 1}` },
        hashSecret(i === 10 ? unlock : randomUUID()),
      );
      if (result.status === 'throttled') notifications.push(result.notify?.email ?? null);
    }
    expect(notifications).toEqual([email, null, null, null]);
    const stored = await owner.query(
      'SELECT count(*)::int AS n FROM sign_in_unlocks u JOIN users ON users.id = u.user_id WHERE users.email = $1',
      [email],
    );
    expect(stored.rows[0].n).toBe(1);
    await advanceSignInClock(owner, 6 * 3600 + 1);
    for (let i = 0; i < 10; i += 1) await attempt(email, `203.0.114.${i + 1}`);
    const later = await attempt(email, '203.0.114.200');
    expect(later.status === 'throttled' && later.notify?.email).toBe(email);

    const ssoOnly = await newUser(false);
    for (let i = 0; i < 11; i += 1) {
      const result = await attempt(ssoOnly, `203.0.115.${i + 1}`);
      if (result.status === 'throttled') expect(result.notify).toBeNull();
    }
  });

  it('treats an e-mail without an account exactly like one with an account', async () => {
    const real = await newUser();
    const ghost = `nobody-${randomUUID()}@example.test`;
    const run = async (email: string) => {
      const out: string[] = [];
      for (let i = 0; i < 8; i += 1) out.push(statusOf(await attempt(email, '192.0.2.77')));
      for (let i = 0; i < 8; i += 1) out.push(statusOf(await attempt(email, `192.0.3.${i}`)));
      return out;
    };
    expect(await run(ghost)).toEqual(await run(real));
  });

  it('spends an unlock link once, making the browser a known device that skips the ceiling', async () => {
    const email = await newUser();
    const token = `berth_unlock_${randomUUID()}`;
    for (let i = 0; i < 10; i += 1) await attempt(email, `203.0.116.${i + 1}`);
    const refused = await crossTenantBeginPasswordSignIn(
      database.db,
      email,
      { addressKey: '203.0.116.200' },
      hashSecret(token),
    );
    expect(refused.status === 'throttled' && refused.notify?.email).toBe(email);
    const device = hashSecret(`berth_device_${randomUUID()}`);
    const used = await crossTenantConsumeSignInUnlock(database.db, hashSecret(token), device);
    expect(used).toMatchObject({ status: 'ok', email });
    expect(await crossTenantConsumeSignInUnlock(database.db, hashSecret(token), device)).toEqual({
      status: 'used',
    });
    expect(await crossTenantConsumeSignInUnlock(database.db, hashSecret('nope'), device)).toEqual({
      status: 'unknown',
    });
    expect(statusOf(await attempt(email, '203.0.116.201'))).toMatch(/^account/);
    expect(statusOf(await attempt(email, '203.0.116.201', device))).toBe('check');
  });

  it('keeps the throttle out of the runtime role’s reach except through the functions', async () => {
    await newUser();
    for (const table of [
      'sign_in_throttles',
      'sign_in_ceilings',
      'sign_in_known_clients',
      'sign_in_unlocks',
    ]) {
      const { rows } = await owner.query(`SELECT count(*)::int AS n FROM ${table}`);
      expect(rows[0].n, table).toBeGreaterThan(0);
      const seen = await app.query(`SELECT count(*)::int AS n FROM ${table}`);
      expect(seen.rows[0].n, table).toBe(0);
      expect((await app.query(`DELETE FROM ${table}`)).rowCount, table).toBe(0);
    }
    await expect(
      app.query(
        "INSERT INTO sign_in_known_clients (user_id, client_key, last_success_at, expires_at) VALUES ($1, 'ip:6.6.6.6', now(), now() + interval '1 day')",
        [randomUUID()],
      ),
    ).rejects.toMatchObject({ code: '42501' });
  });
});
