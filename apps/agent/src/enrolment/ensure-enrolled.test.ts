import { once } from 'node:events';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZEnrolRequestSchema } from '@berth/protocol';
import { makeHelloFrame, TEST_HOST_ID } from '@berth/protocol/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../cli/logger.js';
import { CREDENTIALS_FILE, recordRevocation } from './credentials-store.js';
import { EnrolmentError } from './enrolment-error.js';
import { ensureEnrolled } from './ensure-enrolled.js';

type Handler = (body: unknown, response: ServerResponse) => void;

let stateDir: string;
let server: Server;
let requests: { url: string | undefined; body: unknown }[];
let handler: Handler;

const CREDENTIAL = 'berth_host_0123456789abcdef0123456789abcdef';
const log = silentLogger();
const host = makeHelloFrame().host;

beforeEach(async () => {
  stateDir = join(await mkdtemp(join(tmpdir(), 'berth-enrol-')), 'state');
  requests = [];
  handler = (_body, response) => json(response, 201, { hostId: TEST_HOST_ID, credential: CREDENTIAL });
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      const body = JSON.parse(text);
      requests.push({ url: request.url, body });
      handler(body, response);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
});
afterEach(async () => {
  server.close();
  await rm(join(stateDir, '..'), { recursive: true, force: true });
});

function url(): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function enrol(overrides: Partial<Parameters<typeof ensureEnrolled>[0]> = {}) {
  return ensureEnrolled({
    stateDir,
    server: 'server' in overrides ? overrides.server : url(),
    token: 'berth_enrol_0123456789abcdefghijKLMNOP',
    hostFacts: async () => host,
    agentVersion: '0.1.0',
    log,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<EnrolmentError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof EnrolmentError)) throw new Error(`expected an EnrolmentError, got ${String(error)}`);
  return error;
}

describe('enrolment', () => {
  it('posts the token and host facts, and stores the credential with mode 0600', async () => {
    const result = await enrol();
    expect(result).toEqual({
      hostId: TEST_HOST_ID,
      credential: CREDENTIAL,
      server: url(),
      source: 'enrolled',
    });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe('/agent/v1/enrol');
    expect(ZEnrolRequestSchema.parse(requests[0]?.body)).toEqual({
      token: 'berth_enrol_0123456789abcdefghijKLMNOP',
      host,
    });
    const file = join(stateDir, CREDENTIALS_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(stateDir)).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
      hostId: TEST_HOST_ID,
      credential: CREDENTIAL,
      server: url(),
    });
  });

  it('reuses the stored credential on later starts and ignores the token and a missing --server', async () => {
    await enrol();
    const again = await enrol({ token: 'bet_other', server: undefined });
    expect(again).toEqual({ hostId: TEST_HOST_ID, credential: CREDENTIAL, server: url(), source: 'stored' });
    expect(requests).toHaveLength(1);
  });

  it("shows the server's message when the token is unknown, expired or used up", async () => {
    handler = (_body, response) =>
      json(response, 410, {
        error: { code: 'token_expired', message: 'This enrolment token expired on 2025-05-01.' },
      });
    const error = await failure(enrol());
    expect(error.kind).toBe('refused');
    expect(error.status).toBe(410);
    expect(error.code).toBe('token_expired');
    expect(error.message).toBe(
      'the server refused the enrolment (HTTP 410, token_expired): This enrolment token expired on 2025-05-01.',
    );
    await expect(stat(join(stateDir, CREDENTIALS_FILE))).rejects.toThrow(/ENOENT/);
  });

  it('says so when the server is unreachable', async () => {
    const closedUrl = url();
    server.close();
    await once(server, 'close');
    const error = await failure(enrol({ server: closedUrl }));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toMatch(
      /cannot reach the Berth server at http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/,
    );
  });

  it('reports a non-JSON error page with its status', async () => {
    handler = (_body, response) => response.writeHead(502).end('<html>Bad Gateway</html>');
    const error = await failure(enrol());
    expect(error).toMatchObject({ kind: 'server_error', status: 502 });
    expect(error.message).toContain('Bad Gateway');
  });

  it('refuses a 200 that is not an enrolment answer', async () => {
    handler = (_body, response) => json(response, 200, { ok: true });
    expect((await failure(enrol())).kind).toBe('bad_response');
  });

  it('asks for --server and --token when not enrolled and none were given', async () => {
    const error = await failure(enrol({ token: undefined }));
    expect(error.kind).toBe('not_enrolled');
    expect(error.message).toMatch(/--server and --token/);
    expect(requests).toHaveLength(0);
  });

  it('does not re-enrol a revoked host on its own, even with a valid token', async () => {
    await enrol();
    await recordRevocation(stateDir, {
      hostId: TEST_HOST_ID,
      revokedAt: '2025-06-01T00:00:00.000Z',
      reason: 'host revoked',
    });
    const error = await failure(enrol({ token: 'bet_still_valid' }));
    expect(error.kind).toBe('revoked');
    expect(error.message).toMatch(
      /revoked by an administrator at 2025-06-01T00:00:00\.000Z \(host revoked\)/,
    );
    expect(error.message).toMatch(/delete .*revoked\.json/);
    expect(requests).toHaveLength(1);
  });
});
