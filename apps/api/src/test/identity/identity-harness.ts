import { randomUUID } from 'node:crypto';
import { signInternalRequest } from '@berth/api-contract/internal-request';
import { hashPassword, type Role, withOrg, withUser } from '@berth/db';
import type { TestDatabase } from '@berth/db/testing';
import { CONSOLE_ORIGIN, startTestApi, TEST_SECRET, type TestApi } from '../api-harness.js';
import { type MailSink, startMailSink } from './mail-sink.js';

export type IdentityHarness = TestApi & { mail: MailSink };

/** The test API with its e-mail going to a local SMTP sink. */
export async function startIdentityApi(): Promise<IdentityHarness> {
  const mail = await startMailSink();
  const harness = await startTestApi(undefined, { smtpUrl: mail.url });
  return {
    ...harness,
    mail,
    async stop() {
      await harness.stop();
      await mail.stop();
    },
  };
}

export type Auth = {
  cookie?: string;
  token?: string;
  /** The caller's own address (the socket's peer the API sees). */
  ip?: string;
  origin?: string | null;
  headers?: Record<string, string>;
};

/** Calls the API as a console user (cookie, with the console's Origin) or a token, from `auth.ip`. */
export async function call(
  harness: TestApi,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  auth: Auth = {},
  payload?: unknown,
) {
  const headers: Record<string, string> = { ...auth.headers };
  if (auth.cookie) headers.cookie = auth.cookie;
  if (auth.cookie && auth.origin !== null) headers.origin = auth.origin ?? CONSOLE_ORIGIN;
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  return harness.api.app.inject({
    method,
    url,
    headers,
    ...(auth.ip ? { remoteAddress: auth.ip } : {}),
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
}

/** A server-to-server call from the console's back end, signed with the internal header. */
export async function callInternal(
  harness: TestApi,
  url: string,
  body: unknown,
  sign = true,
  extraHeaders: Record<string, string> = {},
) {
  const raw = JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json', ...extraHeaders };
  if (sign)
    headers['x-berth-internal'] = signInternalRequest(TEST_SECRET, { method: 'POST', path: url, body: raw });
  return harness.api.app.inject({ method: 'POST', url, headers, payload: raw });
}

/** Another user with `role` in an existing org (and, optionally, a password). */
export async function seedMember(
  database: TestDatabase,
  orgId: string,
  role: Role,
  options: { email?: string; password?: string } = {},
): Promise<{ userId: string; email: string }> {
  const userId = randomUUID();
  const email = options.email ?? `${role}-${userId.slice(0, 8)}@example.test`;
  const passwordHash = options.password ? await hashPassword(options.password) : null;
  await withOrg(
    database.db,
    orgId,
    async (tx) => {
      await tx.user.create({ data: { id: userId, email, passwordHash } });
      await tx.membership.create({ data: { orgId, userId, role } });
    },
    { userId },
  );
  return { userId, email };
}

/** A user with a password and no organisation. */
export async function seedLoneUser(database: TestDatabase, email: string, password: string): Promise<string> {
  const userId = randomUUID();
  const passwordHash = await hashPassword(password);
  await withUser(database.db, userId, async (tx) => {
    await tx.user.create({ data: { id: userId, email, passwordHash } });
  });
  return userId;
}
