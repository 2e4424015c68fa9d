import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';

let database: TestDatabase;
let owner: pg.Client;
let app: pg.Client;
const alice = randomUUID();
const bob = randomUUID();

beforeAll(async () => {
  database = await createTestDatabase();
  owner = new pg.Client({ connectionString: database.adminUrl });
  app = new pg.Client({ connectionString: database.appUrl });
  await Promise.all([owner.connect(), app.connect()]);
  for (const [id, name] of [
    [alice, 'alice'],
    [bob, 'bob'],
  ] as const) {
    await owner.query('INSERT INTO users (id, email) VALUES ($1, $2)', [id, `${name}-${id}@x.test`]);
    await owner.query(
      "INSERT INTO user_sessions (id, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')",
      [`session-of-${id}`, id],
    );
    await owner.query(
      "INSERT INTO password_resets (user_id, token_hash, expires_at) VALUES ($1, $2, now() + interval '1 hour')",
      [id, `reset-${id}`],
    );
    await owner.query(
      "INSERT INTO user_identities (user_id, issuer, subject, email) VALUES ($1, 'https://idp.test', $2, $3)",
      [id, `sub-${name}`, `${name}@idp.test`],
    );
  }
});

afterAll(async () => {
  await Promise.all([owner?.end(), app?.end()]);
  await database?.drop();
});

async function asUser<T>(userId: string | null, fn: () => Promise<T>): Promise<T> {
  await app.query('BEGIN');
  try {
    if (userId) await app.query("SELECT set_config('app.user_id', $1, true)", [userId]);
    return await fn();
  } finally {
    await app.query('ROLLBACK');
  }
}

describe('user-scoped tables (sessions, password resets, SSO identities) as the runtime role', () => {
  it('show nothing without a user, and only the own rows with one', async () => {
    for (const table of ['user_sessions', 'password_resets', 'user_identities']) {
      const none = await asUser(null, () => app.query(`SELECT user_id FROM ${table}`));
      expect(none.rows, table).toEqual([]);
      const own = await asUser(alice, () => app.query(`SELECT user_id FROM ${table}`));
      expect(own.rows, table).toEqual([{ user_id: alice }]);
    }
  });

  it("cannot revoke, insert or delete another user's rows", async () => {
    await asUser(alice, async () => {
      const updated = await app.query('UPDATE user_sessions SET revoked_at = now() WHERE user_id = $1', [
        bob,
      ]);
      expect(updated.rowCount).toBe(0);
      const deleted = await app.query('DELETE FROM password_resets WHERE user_id = $1', [bob]);
      expect(deleted.rowCount).toBe(0);
      await expect(
        app.query(
          "INSERT INTO user_sessions (id, user_id, expires_at) VALUES ('forged-session-id-0123456', $1, now())",
          [bob],
        ),
      ).rejects.toMatchObject({ code: '42501' });
    });
  });

  it('checks a session only through cross_tenant.touch_user_session, bound to its user', async () => {
    const live = await app.query('SELECT cross_tenant.touch_user_session($1, $2) AS live', [
      `session-of-${alice}`,
      alice,
    ]);
    const wrongUser = await app.query('SELECT cross_tenant.touch_user_session($1, $2) AS live', [
      `session-of-${alice}`,
      bob,
    ]);
    expect([live.rows[0].live, wrongUser.rows[0].live]).toEqual([true, false]);
  });

  it('finds the user of an SSO identity only through cross_tenant.find_user_by_identity', async () => {
    const found = await app.query('SELECT cross_tenant.find_user_by_identity($1, $2) AS id', [
      'https://idp.test',
      'sub-bob',
    ]);
    const otherIssuer = await app.query('SELECT cross_tenant.find_user_by_identity($1, $2) AS id', [
      'https://elsewhere.test',
      'sub-bob',
    ]);
    expect([found.rows[0].id, otherIssuer.rows[0].id]).toEqual([bob, null]);
    await asUser(alice, async () => {
      await expect(
        app.query(
          "INSERT INTO user_identities (user_id, issuer, subject, email) VALUES ($1, 'https://idp.test', 'x', 'x@x')",
          [bob],
        ),
      ).rejects.toMatchObject({ code: '42501' });
    });
  });
});
