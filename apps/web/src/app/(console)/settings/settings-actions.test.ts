// @vitest-environment node
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The settings server actions against a real HTTP server standing in for the API: what they
 * send (path, body, cookie, Origin) and how they shape its answers. Next's request scope
 * (cookies, headers) and cache are the framework's, so those two modules are replaced.
 */
vi.mock('next/headers', () => ({
  cookies: async () => ({ getAll: () => [{ name: 'authjs.session-token', value: 'jwe-of-the-user' }] }),
  headers: async () => new Headers({ 'x-forwarded-for': '203.0.113.9' }),
}));
const revalidatePath = vi.fn();
vi.mock('next/cache', () => ({ revalidatePath: (path: string) => revalidatePath(path) }));

type Seen = { method: string; url: string; headers: IncomingMessage['headers']; body: unknown };
let server: Server;
let seen: Seen[] = [];
let answer: { status: number; body: unknown } = { status: 204, body: null };

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString();
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: text ? JSON.parse(text) : undefined,
      });
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(answer.status === 204 ? undefined : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  vi.stubEnv('API_INTERNAL_URL', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  vi.stubEnv('AUTH_SECRET', 'x'.repeat(40));
  vi.stubEnv('BERTH_PUBLIC_URL', 'https://console.example.com');
});

afterAll(async () => {
  vi.unstubAllEnvs();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen = [];
  revalidatePath.mockClear();
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

const TOKEN = {
  id: '3f0e8a52-4a8f-4a43-9d7e-0d2f5c1b2a10',
  name: 'Edge boxes',
  prefix: 'berth_enrol_ab',
  labels: { env: 'prod', team: 'web' },
  maxUses: null,
  uses: 0,
  status: 'active',
  expiresAt: '2026-11-24T12:00:00.000Z',
  revokedAt: null,
  createdAt: '2026-11-23T12:00:00.000Z',
  createdBy: null,
};

describe('createEnrolmentTokenAction', () => {
  it('sends the parsed form as the user (cookie, console Origin) and returns the install command once', async () => {
    const { createEnrolmentTokenAction } = await import('./enrolment-tokens/create-enrolment-token-action');
    answer = {
      status: 201,
      body: {
        token: TOKEN,
        secret: 'berth_enrol_secret',
        installCommand: 'curl -fsSL https://x/install.sh | sh',
      },
    };
    const before = Date.now();
    const state = await createEnrolmentTokenAction(
      {},
      form({ name: ' Edge boxes ', expiresIn: '24h', maxUses: '', labelsText: 'env=prod, team=web' }),
    );
    expect(state.result).toEqual({
      name: 'Edge boxes',
      installCommand: 'curl -fsSL https://x/install.sh | sh',
      expiresAt: TOKEN.expiresAt,
      maxUses: null,
      labels: { env: 'prod', team: 'web' },
    });
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request).toMatchObject({ method: 'POST', url: '/api/v1/enrolment-tokens' });
    expect(request?.headers.cookie).toBe('authjs.session-token=jwe-of-the-user');
    expect(request?.headers.origin).toBe('https://console.example.com');
    // What the browser claims about its address is not passed on (the console vouches, signed, when it knows the peer).
    expect(request?.headers['x-forwarded-for']).toBeUndefined();
    const body = request?.body as { expiresAt: string };
    expect(body).toMatchObject({ name: 'Edge boxes', maxUses: null, labels: { env: 'prod', team: 'web' } });
    const lifetime = Date.parse(body.expiresAt) - before;
    expect(lifetime).toBeGreaterThanOrEqual(86_400_000);
    expect(lifetime).toBeLessThan(86_400_000 + 5_000);
    expect(revalidatePath).toHaveBeenCalledWith('/settings/enrolment-tokens');
  });

  it('refuses a bad form before calling the API, naming the field', async () => {
    const { createEnrolmentTokenAction } = await import('./enrolment-tokens/create-enrolment-token-action');
    const state = await createEnrolmentTokenAction(
      {},
      form({ name: 'x', expiresIn: '24h', maxUses: '0', labelsText: 'not a label' }),
    );
    expect(Object.keys(state.fieldErrors ?? {}).sort()).toEqual(['labelsText', 'maxUses']);
    expect(seen).toHaveLength(0);
  });

  it("shows the API's 400 issues under the fields they name, and refreshes nothing", async () => {
    const { createEnrolmentTokenAction } = await import('./enrolment-tokens/create-enrolment-token-action');
    answer = {
      status: 400,
      body: {
        error: {
          code: 'bad_request',
          message: 'invalid body: expiresAt: must be in the future',
          details: { issues: [{ field: 'expiresAt', message: 'must be in the future' }] },
        },
      },
    };
    const state = await createEnrolmentTokenAction(
      {},
      form({ name: 'x', expiresIn: '1h', maxUses: '', labelsText: '' }),
    );
    expect(state.fieldErrors).toEqual({ expiresAt: 'Must be in the future.' });
    expect(state.result).toBeUndefined();
    expect(revalidatePath).not.toHaveBeenCalled();
  });
});

describe('changeRoleAction', () => {
  it("passes the API's last-owner refusal through as the form's error", async () => {
    const { changeRoleAction } = await import('./members/change-role-action');
    answer = {
      status: 409,
      body: {
        error: {
          code: 'conflict',
          message: 'an organisation needs at least one owner: make someone else owner first',
        },
      },
    };
    const state = await changeRoleAction({}, form({ userId: TOKEN.id, role: 'admin' }));
    expect(seen[0]).toMatchObject({
      method: 'PATCH',
      url: `/api/v1/members/${TOKEN.id}`,
      body: { role: 'admin' },
    });
    expect(state.error).toBe('An organisation needs at least one owner: make someone else owner first.');
  });
});

describe('createApiTokenAction', () => {
  it('sends no expiry for "Never" and returns the secret', async () => {
    const { createApiTokenAction } = await import('./api-tokens/create-api-token-action');
    answer = {
      status: 201,
      body: {
        token: {
          id: TOKEN.id,
          name: 'ci',
          prefix: 'berth_api_ab',
          role: 'viewer',
          createdBy: null,
          createdAt: TOKEN.createdAt,
          expiresAt: null,
          lastUsedAt: null,
          revokedAt: null,
        },
        secret: 'berth_api_0123456789abcdefghij',
      },
    };
    const state = await createApiTokenAction({}, form({ name: 'ci', role: 'viewer', expiresIn: 'never' }));
    expect(seen[0]?.body).toEqual({ name: 'ci', role: 'viewer' });
    expect(state.result).toEqual({ name: 'ci', secret: 'berth_api_0123456789abcdefghij' });
  });

  it('shows a 403 (role above one’s own) with the API’s reason', async () => {
    const { createApiTokenAction } = await import('./api-tokens/create-api-token-action');
    answer = {
      status: 403,
      body: { error: { code: 'forbidden', message: "a token's role cannot exceed yours (viewer)" } },
    };
    const state = await createApiTokenAction({}, form({ name: 'ci', role: 'owner', expiresIn: '30d' }));
    expect(state.error).toBe("A token's role cannot exceed yours (viewer).");
  });
});

describe('updateExecSettingsAction', () => {
  const SAVED = {
    operatorsAllowed: true,
    recordTranscripts: false,
    idleTimeoutS: 900,
    maxDurationS: null,
    serverLimits: { idleTimeoutS: 3600, maxDurationS: 7200 },
  };

  it('sends the checkboxes as booleans and the limits in seconds (blank: the server’s)', async () => {
    const { updateExecSettingsAction } = await import('./exec/update-exec-settings-action');
    answer = { status: 200, body: SAVED };
    const state = await updateExecSettingsAction(
      {},
      form({ operatorsAllowed: 'on', idleTimeoutMinutes: ' 15 ', maxDurationMinutes: '' }),
    );
    expect(state).toEqual({ notice: 'Saved.' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'PATCH', url: '/api/v1/exec-settings' });
    expect(seen[0]?.headers.origin).toBe('https://console.example.com');
    expect(seen[0]?.body).toEqual({
      operatorsAllowed: true,
      recordTranscripts: false,
      idleTimeoutS: 900,
      maxDurationS: null,
    });
    expect(revalidatePath).toHaveBeenCalledWith('/settings/exec');
  });

  it('refuses a limit that is not whole minutes in range before calling the API, naming the field', async () => {
    const { updateExecSettingsAction } = await import('./exec/update-exec-settings-action');
    const state = await updateExecSettingsAction(
      {},
      form({ idleTimeoutMinutes: '0.5', maxDurationMinutes: 'x' }),
    );
    expect(Object.keys(state.fieldErrors ?? {}).sort()).toEqual(['idleTimeoutMinutes', 'maxDurationMinutes']);
    expect(seen).toHaveLength(0);
  });

  it('shows the API’s refusal of a limit above the server’s under the form’s field', async () => {
    const { updateExecSettingsAction } = await import('./exec/update-exec-settings-action');
    answer = {
      status: 400,
      body: {
        error: {
          code: 'bad_request',
          message: 'maxDurationS: at most 7200 s on this server',
          details: { issues: [{ field: 'maxDurationS', message: 'at most 7200' }] },
        },
      },
    };
    const state = await updateExecSettingsAction(
      {},
      form({ idleTimeoutMinutes: '', maxDurationMinutes: '180' }),
    );
    expect(state.fieldErrors).toEqual({ maxDurationMinutes: 'At most 7200.' });
    expect(seen[0]?.body).toMatchObject({ maxDurationS: 10_800 });
    expect(revalidatePath).not.toHaveBeenCalled();
  });
});
