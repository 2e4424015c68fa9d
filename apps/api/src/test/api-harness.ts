import { randomBytes } from 'node:crypto';
import { encode } from '@auth/core/jwt';
import { createMemoryBus } from '@berth/bus';
import { issueSecret, type Role, withOrg, withUser } from '@berth/db';
import { createTestDatabase, type TestDatabase } from '@berth/db/testing';
import { type Api, buildApi } from '../app.js';
import type { ApiSettings } from '../context.js';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';
export const CONSOLE_ORIGIN = 'http://console.test';

export type TestApi = { api: Api; database: TestDatabase; stop(): Promise<void> };

// sessionCookieFor registers its session here unless told which database to use.
let latestDatabase: TestDatabase | undefined;

/** The API over a fresh database (runtime role) and an in-process bus; call with app.inject. */
export async function startTestApi(
  database?: TestDatabase,
  overrides: Partial<ApiSettings> = {},
): Promise<TestApi> {
  const db = database ?? (await createTestDatabase());
  latestDatabase = db;
  const bus = createMemoryBus();
  const api = await buildApi({
    databaseUrl: db.appUrl,
    bus,
    settings: {
      authSecret: TEST_SECRET,
      consoleOrigin: CONSOLE_ORIGIN,
      publicUrl: 'http://berth.test',
      gatewayUrl: 'http://gateway.test',
      production: false,
      mailFrom: 'Berth <no-reply@berth.test>',
      ...overrides,
    },
  });
  return {
    api,
    database: db,
    async stop() {
      await api.close();
      await bus.close();
      if (!database) await db.drop();
    },
  };
}

/** A live API token of `role` in `orgId` (what `Authorization: Bearer` sends). */
export async function apiTokenFor(database: TestDatabase, orgId: string, role: Role): Promise<string> {
  const token = issueSecret('api');
  await withOrg(database.db, orgId, (tx) =>
    tx.apiToken.create({
      data: { orgId, name: `${role} token`, prefix: token.prefix, tokenHash: token.hash, role },
    }),
  );
  return token.secret;
}

/**
 * The console's session cookie for a user, as Auth.js would set it after the web registered
 * the sign-in (a user_sessions row, whose id is the JWT's `sid`) in the latest test API's
 * database, or `options.database`.
 */
export async function sessionCookieFor(
  userId: string,
  orgId?: string,
  options: { database?: TestDatabase; sessionId?: string } = {},
): Promise<string> {
  const database = options.database ?? latestDatabase;
  if (!database) throw new Error('sessionCookieFor: start a test API first (or pass options.database)');
  const sid = options.sessionId ?? randomBytes(24).toString('base64url');
  await withUser(database.db, userId, async (tx) => {
    await tx.userSession.create({
      data: { id: sid, userId, expiresAt: new Date(Date.now() + 86_400_000), userAgent: 'vitest' },
    });
  });
  return sessionCookieWithSid(userId, sid, orgId);
}

/** A session cookie naming `sid` as is, registered or not (for refusal tests). */
export async function sessionCookieWithSid(userId: string, sid: string, orgId?: string): Promise<string> {
  const token = await encode({
    token: { sub: userId, sid, ...(orgId ? { orgId } : {}) },
    secret: TEST_SECRET,
    salt: 'authjs.session-token',
  });
  return `authjs.session-token=${token}`;
}
