// @vitest-environment node
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyToApi } from './proxy-to-api';

/** A real HTTP server standing in for the API: echoes what it received, or streams. */
let server: Server;
let base: string;
let lastRequest: { headers: IncomingMessage['headers']; body: string; url: string } | undefined;
let release: () => void = () => {};

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      lastRequest = {
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
        url: request.url ?? '',
      };
      if (request.url?.startsWith('/api/v1/stream')) {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write('event: first\ndata: 1\n\n');
        // The second event only after the test has read the first: proves no buffering.
        release = () => response.end('event: second\ndata: 2\n\n');
        return;
      }
      response.writeHead(201, {
        'content-type': 'application/json',
        'set-cookie': ['a=1; Path=/', 'b=2; Path=/'],
        connection: 'close',
      });
      response.end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('proxyToApi', () => {
  it('forwards method, path, query, body, cookie and Origin (never a browser-sent internal signature); returns status, body and every Set-Cookie', async () => {
    const request = new Request('http://console.test/api/v1/hosts/abc/labels?dry=1', {
      method: 'PUT',
      headers: {
        cookie: 'authjs.session-token=xyz',
        origin: 'http://console.test',
        'content-type': 'application/json',
        host: 'console.test',
        'x-berth-internal': 'v1,t=1,sig=forged',
      },
      body: JSON.stringify({ env: 'prod' }),
    });
    const response = await proxyToApi(request, { apiBaseUrl: base });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(response.headers.get('connection')).toBeNull();
    expect(lastRequest?.url).toBe('/api/v1/hosts/abc/labels?dry=1');
    expect(lastRequest?.body).toBe('{"env":"prod"}');
    expect(lastRequest?.headers).toMatchObject({
      cookie: 'authjs.session-token=xyz',
      origin: 'http://console.test',
      'x-forwarded-host': 'console.test',
      'x-forwarded-proto': 'http',
    });
    expect(lastRequest?.headers['x-berth-internal']).toBeUndefined();
  });

  it('passes on none of the browser’s claims about its address, only the address this console vouches for', async () => {
    const request = new Request('http://console.test/api/v1/hosts?limit=5', {
      headers: {
        'x-forwarded-for': '6.6.6.6',
        forwarded: 'for=6.6.6.6',
        'x-real-ip': '6.6.6.6',
        'x-berth-client': 'v1,t=1,a=6.6.6.6,sig=forged',
        'x-berth-peer': 'forged 6.6.6.6',
      },
    });
    const vouched: { method: string; path: string }[] = [];
    await proxyToApi(request, {
      apiBaseUrl: base,
      vouch: (signed) => {
        vouched.push(signed);
        return { 'x-berth-client': 'vouched' };
      },
    });
    expect(vouched).toEqual([{ method: 'GET', path: '/api/v1/hosts' }]);
    expect(lastRequest?.headers['x-berth-client']).toBe('vouched');
    for (const claim of ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-berth-peer'])
      expect(lastRequest?.headers[claim], claim).toBeUndefined();
  });

  it('streams server-sent events as they arrive, marked no-transform so compression cannot buffer them', async () => {
    const response = await proxyToApi(new Request('http://console.test/api/v1/stream'), { apiBaseUrl: base });
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    const reader = response.body?.getReader();
    const decoder = new TextDecoder();
    const first = await reader?.read();
    expect(decoder.decode(first?.value)).toBe('event: first\ndata: 1\n\n');
    release();
    let rest = '';
    for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read())
      rest += decoder.decode(chunk.value);
    expect(rest).toBe('event: second\ndata: 2\n\n');
  });

  it('answers 502 in the API error shape when the API is down', async () => {
    const response = await proxyToApi(new Request('http://console.test/api/v1/me'), {
      apiBaseUrl: 'http://127.0.0.1:1',
    });
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: { code: 'api_unreachable' } });
  });
});
