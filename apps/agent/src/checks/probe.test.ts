import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CheckSpec } from '@berth/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from './probe.js';

/** Loopback targets: an HTTP server whose routes say how to answer, and a TLS one. */
let server: http.Server;
let base: string;
let tlsServer: https.Server;
let tlsBase: string;
let certDir: string;
const hanging = new Set<http.ServerResponse>();

type SpecOverrides = Omit<Partial<CheckSpec>, 'http'> & { http?: Partial<NonNullable<CheckSpec['http']>> };

function spec(overrides: SpecOverrides = {}): CheckSpec {
  const { http: httpOverrides, ...rest } = overrides;
  return {
    id: '5f0e8d8a-2b1c-4c3d-9e4f-0a1b2c3d4e5f',
    version: 1,
    kind: 'http',
    target: base,
    intervalS: 10,
    timeoutMs: 2000,
    retries: 0,
    ...rest,
    http: {
      method: 'GET',
      headers: {},
      expectStatus: { min: 200, max: 299 },
      followRedirects: true,
      skipTlsVerify: false,
      certExpiryWarnDays: 14,
      ...httpOverrides,
    },
  };
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    switch (req.url) {
      case '/health':
        res.end('status: OK, all good');
        return;
      case '/down':
        res.writeHead(503).end('maintenance');
        return;
      case '/moved':
        res.writeHead(302, { location: '/health' }).end();
        return;
      case '/loop':
        res.writeHead(302, { location: '/loop' }).end();
        return;
      case '/hang':
        hanging.add(res);
        return;
      case '/echo-header':
        res.end(String(req.headers['x-probe'] ?? ''));
        return;
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // A certificate that expires in 3 days, self-signed (openssl is on every Debian host).
  certDir = mkdtempSync(path.join(tmpdir(), 'berth-check-tls-'));
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '3']
      .concat(['-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1'])
      .concat(['-keyout', path.join(certDir, 'key.pem'), '-out', path.join(certDir, 'cert.pem')]),
    { stdio: 'ignore' },
  );
  tlsServer = https.createServer(
    { key: readFileSync(path.join(certDir, 'key.pem')), cert: readFileSync(path.join(certDir, 'cert.pem')) },
    (_req, res) => res.end('secure ok'),
  );
  await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
  tlsBase = `https://127.0.0.1:${(tlsServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  tlsServer.closeAllConnections();
  await Promise.all([
    new Promise((resolve) => server.close(resolve)),
    new Promise((resolve) => tlsServer.close(resolve)),
  ]);
  rmSync(certDir, { recursive: true, force: true });
});

describe('HTTP probe', () => {
  it('is up on an expected status, with its latency and status code', async () => {
    const outcome = await probe(spec(), `${base}/health`);
    expect(outcome).toMatchObject({ ok: true, statusCode: 200, slow: false, certExpiring: false });
    expect(outcome.error).toBeUndefined();
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('fails on a status outside the expected range, naming both', async () => {
    const outcome = await probe(spec(), `${base}/down`);
    expect(outcome).toMatchObject({ ok: false, statusCode: 503, error: 'status 503 not in 200–299' });
    const accepted = await probe(spec({ http: { expectStatus: { min: 500, max: 503 } } }), `${base}/down`);
    expect(accepted.ok).toBe(true);
  });

  it('checks a keyword: contained, absent, regex, case', async () => {
    const url = `${base}/health`;
    expect(
      (
        await probe(
          spec({ http: { keyword: { mode: 'contains', value: 'all good', caseSensitive: true } } }),
          url,
        )
      ).ok,
    ).toBe(true);
    expect(
      await probe(
        spec({ http: { keyword: { mode: 'contains', value: 'ALL GOOD', caseSensitive: true } } }),
        url,
      ),
    ).toMatchObject({
      ok: false,
      statusCode: 200,
      error: 'body does not contain "ALL GOOD"',
    });
    expect(
      (
        await probe(
          spec({ http: { keyword: { mode: 'contains', value: 'ALL GOOD', caseSensitive: false } } }),
          url,
        )
      ).ok,
    ).toBe(true);
    expect(
      await probe(spec({ http: { keyword: { mode: 'absent', value: 'OK', caseSensitive: true } } }), url),
    ).toMatchObject({
      ok: false,
      error: 'body contains "OK"',
    });
    expect(
      (
        await probe(
          spec({ http: { keyword: { mode: 'regex', value: '^status: (ok|fine)', caseSensitive: false } } }),
          url,
        )
      ).ok,
    ).toBe(true);
    expect(
      await probe(spec({ http: { keyword: { mode: 'regex', value: '^fine$', caseSensitive: false } } }), url),
    ).toMatchObject({
      ok: false,
      error: 'body does not match /^fine$/',
    });
  });

  it('follows redirects when asked, and stops at a loop', async () => {
    expect(await probe(spec(), `${base}/moved`)).toMatchObject({ ok: true, statusCode: 200 });
    expect(await probe(spec({ http: { followRedirects: false } }), `${base}/moved`)).toMatchObject({
      ok: false,
      statusCode: 302,
    });
    expect(await probe(spec(), `${base}/loop`)).toMatchObject({ ok: false, error: 'more than 5 redirects' });
  });

  it('sends the configured headers', async () => {
    const outcome = await probe(
      spec({
        http: {
          headers: { 'x-probe': 'berth' },
          keyword: { mode: 'contains', value: 'berth', caseSensitive: true },
        },
      }),
      `${base}/echo-header`,
    );
    expect(outcome.ok).toBe(true);
  });

  it('times out on a server that never answers', async () => {
    const outcome = await probe(spec({ timeoutMs: 300 }), `${base}/hang`);
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(/^no answer within \d+ ms$/);
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(290);
  });

  it('is up but slow past maxLatencyMs', async () => {
    let clock = 0;
    // A clock that advances 50 ms per reading: the probe measures ≥ 50 ms whatever the machine does.
    const now = () => (clock += 50);
    const outcome = await probe(spec({ http: { maxLatencyMs: 10 } }), `${base}/health`, now);
    expect(outcome).toMatchObject({ ok: true, slow: true });
    expect(outcome.error).toMatch(/^slow: \d+ ms over 10 ms$/);
  });

  it('reports a refused connection and a bad URL in words', async () => {
    const closed = await closedPort();
    expect(await probe(spec(), `http://127.0.0.1:${closed}/`)).toMatchObject({
      ok: false,
      error: 'connection refused',
    });
    expect(await probe(spec(), 'not a url')).toMatchObject({ ok: false, error: 'not a URL: "not a url"' });
    expect(await probe(spec(), 'ftp://127.0.0.1/')).toMatchObject({
      ok: false,
      error: 'only http and https URLs are checked, not ftp:',
    });
  });
});

describe('HTTPS probe', () => {
  it('refuses a self-signed certificate unless verification is skipped', async () => {
    expect(await probe(spec(), tlsBase)).toMatchObject({
      ok: false,
      error: 'TLS certificate is self-signed (set skip TLS verification to accept it)',
    });
  });

  it('reads the certificate expiry and warns when it is within the warning days', async () => {
    const outcome = await probe(spec({ http: { skipTlsVerify: true } }), tlsBase);
    expect(outcome).toMatchObject({ ok: true, statusCode: 200, certExpiring: true });
    // The certificate's own notAfter, to the second (what the console and the alert show).
    const notAfter = new X509Certificate(readFileSync(path.join(certDir, 'cert.pem'))).validTo;
    expect(outcome.certExpiresAt).toBe(new Date(notAfter).toISOString());
    const daysLeft = (Date.parse(outcome.certExpiresAt ?? '') - Date.now()) / 86_400_000;
    expect(daysLeft).toBeGreaterThan(2.9);
    expect(daysLeft).toBeLessThanOrEqual(3);
    const relaxed = await probe(spec({ http: { skipTlsVerify: true, certExpiryWarnDays: 2 } }), tlsBase);
    expect(relaxed).toMatchObject({ ok: true, certExpiring: false });
  });
});

describe('TCP probe', () => {
  it('is up when the port accepts, and says refused when it does not', async () => {
    const port = (server.address() as AddressInfo).port;
    expect(await probe(spec({ kind: 'tcp', target: '' }), `127.0.0.1:${port}`)).toMatchObject({ ok: true });
    const closed = await closedPort();
    expect(await probe(spec({ kind: 'tcp', target: '' }), `127.0.0.1:${closed}`)).toMatchObject({
      ok: false,
      error: 'connection refused',
    });
    expect(await probe(spec({ kind: 'tcp', target: '' }), 'localhost')).toMatchObject({
      ok: false,
      error: 'expected host:port, got "localhost"',
    });
  });
});

/** A port nothing listens on: bound, noted, released. */
async function closedPort(): Promise<number> {
  const probeServer = net.createServer();
  await new Promise<void>((resolve) => probeServer.listen(0, '127.0.0.1', resolve));
  const { port } = probeServer.address() as AddressInfo;
  await new Promise((resolve) => probeServer.close(resolve));
  return port;
}
