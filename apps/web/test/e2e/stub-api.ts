import { createHash, createHmac, hkdfSync, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decode } from '@auth/core/jwt';

/**
 * A stand-in for apps/api's identity endpoints, just enough for the console's sign-in,
 * proxy and SSE paths. It checks the contract the real API relies on: the internal
 * request signature, and the session cookie decoded exactly as apps/api does
 * (Auth.js JWE, AUTH_SECRET, salt = cookie name).
 */
export type StubApi = {
  url: string;
  calls: { method: string; path: string; headers: IncomingMessage['headers'] }[];
  sessions: Map<string, { userId: string; revoked: boolean }>;
  close(): Promise<void>;
};

export const USER = {
  id: '6d1f3c1e-7a2b-4c59-9a7e-1b2c3d4e5f60',
  email: 'ada@example.com',
  name: 'Ada Lovelace',
};
export const PASSWORD = 'correct horse battery staple';
/** The device token the stub hands out at sign-in (the console keeps it in its berth-device cookie). */
export const DEVICE_TOKEN = `berth_device_${'d'.repeat(43)}`;
export const ORGS = [
  { orgId: '0b6f7d52-95a3-4a43-8c1e-0d6b1a2f3c41', orgName: 'Acme Ops', orgSlug: 'acme', role: 'owner' },
  { orgId: '5e0c4a1b-2d3f-4e5a-9b8c-7d6e5f4a3b21', orgName: 'Globex', orgSlug: 'globex', role: 'viewer' },
];

const COOKIES = ['__Secure-authjs.session-token', 'authjs.session-token'];

export async function startStubApi(secret: string): Promise<StubApi> {
  const calls: StubApi['calls'] = [];
  const sessions: StubApi['sessions'] = new Map();
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    calls.push({ method: request.method ?? 'GET', path, headers: request.headers });
    const body = await readBody(request);
    const route = `${request.method} ${path}`;
    if (route === 'POST /api/v1/auth/sign-in') {
      const input = JSON.parse(body) as { email?: string; password?: string };
      if (input.email !== USER.email || input.password !== PASSWORD)
        return json(response, 401, error('unauthorised'));
      return json(response, 200, {
        user: USER,
        memberships: ORGS,
        device: { token: DEVICE_TOKEN, expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
      });
    }
    if (route === 'POST /api/v1/auth/sessions') {
      if (!validSignature(secret, request, path, body)) return json(response, 401, error('unauthorised'));
      const sessionId = randomUUID();
      sessions.set(sessionId, { userId: (JSON.parse(body) as { userId: string }).userId, revoked: false });
      return json(response, 201, { sessionId, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    }
    if (route === 'GET /install.sh') return text(response, '#!/bin/sh\necho "stub installer"\n');
    if (route === 'GET /agent/berth-agent-linux-x64-gnu.sha256')
      return text(response, `${'ab'.repeat(32)}\n`);
    const claims = await readSession(request, secret);
    const live = claims && typeof claims.sid === 'string' && sessions.get(claims.sid)?.revoked === false;
    if (!live) return json(response, 401, error('unauthorised'));
    const wanted = request.headers['x-berth-org'] ?? claims.orgId;
    const org = ORGS.find((membership) => membership.orgId === wanted) ?? ORGS[0];
    if (route === 'GET /api/v1/me') {
      return json(response, 200, {
        kind: 'user',
        userId: claims.sub,
        org: org ? { id: org.orgId, role: org.role } : null,
        memberships: ORGS,
      });
    }
    if (route === 'GET /api/v1/hosts' || route === 'GET /api/v1/container-groups')
      return json(response, 200, { items: [], nextCursor: null });
    // The navigation's alerts badge asks on every page.
    if (route === 'GET /api/v1/alerts/counts')
      return json(response, 200, { firing: 0, pending: 0, bySeverity: { info: 0, warning: 0, critical: 0 } });
    // The fleet's, host's and container's alert badges.
    if (route === 'GET /api/v1/alerts/counts/by-host') return json(response, 200, { hosts: {} });
    // The container lists' and container page's "update available" badges.
    if (route === 'GET /api/v1/image-updates') return json(response, 200, { items: [] });
    if (route === 'POST /api/v1/auth/sign-out') {
      sessions.set(String(claims.sid), { userId: String(claims.sub), revoked: true });
      return response.writeHead(204).end();
    }
    if (route === 'POST /api/v1/echo') {
      return json(response, 200, { origin: request.headers.origin ?? null, body, orgId: org?.orgId ?? null });
    }
    if (route === 'GET /api/v1/stream') return stream(request, response);
    return json(response, 404, error('not_found'));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, calls, sessions, close: () => closeServer(server) };
}

/** Ticks every 100 ms and never ends by itself, like the real live stream. */
function stream(request: IncomingMessage, response: ServerResponse) {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  let id = 0;
  const timer = setInterval(() => {
    id += 1;
    response.write(`id: ${id}\nevent: host.status\ndata: ${JSON.stringify({ tick: id })}\n\n`);
  }, 100);
  request.on('close', () => clearInterval(timer));
}

async function readSession(request: IncomingMessage, secret: string) {
  const cookies = Object.fromEntries(
    (request.headers.cookie ?? '')
      .split(';')
      .map((part) => part.trim().split('='))
      .filter((pair): pair is [string, string] => pair.length === 2 && Boolean(pair[0])),
  );
  for (const name of COOKIES) {
    const token = cookies[name];
    if (token) return decode({ token, secret, salt: name }).catch(() => null);
  }
  return null;
}

function validSignature(secret: string, request: IncomingMessage, path: string, body: string): boolean {
  const match = /^v1,t=(\d+),sig=([0-9a-f]{64})$/.exec(String(request.headers['x-berth-internal'] ?? ''));
  if (!match?.[1] || Math.abs(Date.now() / 1000 - Number(match[1])) > 60) return false;
  const key = Buffer.from(hkdfSync('sha256', secret, 'berth-internal', 'x-berth-internal v1', 32));
  const digest = createHash('sha256').update(body).digest('hex');
  const expected = createHmac('sha256', key)
    .update(`${match[1]}.${request.method}.${path}.${digest}`)
    .digest('hex');
  return expected === match[2];
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function json(response: ServerResponse, status: number, payload: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
}

function text(response: ServerResponse, body: string) {
  response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
}

function error(code: string) {
  return { error: { code, message: code.replace('_', ' ') } };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
