import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { registerErrorHandler } from '@berth/http';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiApp, ApiSettings } from '../../context.js';
import { startTestApi, type TestApi } from '../../test/api-harness.js';
import { type InstallFilesOptions, registerInstallRoutes } from './register-install-routes.js';

const settings: ApiSettings = {
  authSecret: 'test-secret-test-secret-test-secret-0123',
  consoleOrigin: 'https://berth.example.com',
  publicUrl: 'https://berth.example.com/',
  gatewayUrl: 'https://agents.example.com',
  production: true,
  mailFrom: 'Berth <no-reply@berth.test>',
};

/** Just the install routes, on the API's Fastify setup, with files of the test's choosing. */
async function installApp(options: InstallFilesOptions): Promise<ApiApp> {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerInstallRoutes(app, { settings }, options);
  await app.ready();
  return app;
}

let dir: string;
let exeDir: string;
const executable = Buffer.from('\x7fELF berth-agent 9.9.9\n'.repeat(1000), 'latin1');
const sha256 = createHash('sha256').update(executable).digest('hex');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-install-routes-'));
  exeDir = join(dir, 'exe');
  await mkdir(exeDir);
  // Only one of the four built: the others answer 404.
  await writeFile(join(exeDir, 'berth-agent-linux-arm64-musl'), executable);
  // The API image's layout: only the gzip and the build's checksum file.
  await writeFile(join(exeDir, 'berth-agent-linux-arm64-gnu.gz'), gzipSync(executable));
  await writeFile(
    join(exeDir, 'berth-agent-linux-arm64-gnu.sha256'),
    `${sha256}  berth-agent-linux-arm64-gnu\n`,
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('install routes', () => {
  it('GET /install.sh serves the script with this deployment baked in, never cached', async () => {
    const app = await installApp({ agentVersion: '2.0.0' });
    const response = await app.inject({ method: 'GET', url: '/install.sh' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/x-shellscript; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body.startsWith('#!/bin/sh\n')).toBe(true);
    expect(response.body).toContain("BERTH_URL='https://berth.example.com'");
    expect(response.body).toContain("DEFAULT_SERVER='https://agents.example.com'");
    expect(response.body).toContain("AGENT_VERSION='2.0.0'");
    await app.close();
  });

  it('serves an agent executable by architecture and C library, with a sha256sum-format checksum', async () => {
    const app = await installApp({ agentExecutablesDir: exeDir });
    const url = '/agent/berth-agent-linux-arm64-musl';
    const file = await app.inject({ method: 'GET', url });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(executable)).toBe(true);
    expect(file.headers['content-type']).toBe('application/octet-stream');
    expect(file.headers['content-length']).toBe(String(executable.length));
    expect(file.headers.etag).toBe(`"${sha256}"`);
    const sum = await app.inject({ method: 'GET', url: `${url}.sha256` });
    expect(sum.statusCode).toBe(200);
    expect(sum.body).toBe(`${sha256}  berth-agent-linux-arm64-musl\n`);
    const again = await app.inject({ method: 'GET', url, headers: { 'if-none-match': `"${sha256}"` } });
    expect(again.statusCode).toBe(304);
    await app.close();
  });

  it('serves the gzip to clients that take it, and undoes it for those that do not (the API image keeps only .gz)', async () => {
    const app = await installApp({ agentExecutablesDir: exeDir });
    const url = '/agent/berth-agent-linux-arm64-gnu';
    const packed = await app.inject({
      method: 'GET',
      url,
      headers: { 'accept-encoding': 'deflate, gzip;q=0.8' },
    });
    expect(packed.statusCode).toBe(200);
    expect(packed.headers['content-encoding']).toBe('gzip');
    expect(packed.headers.vary).toBe('accept-encoding');
    expect(packed.headers['content-length']).toBe(String(packed.rawPayload.length));
    expect(packed.rawPayload.length).toBeLessThan(executable.length / 10);
    expect(gunzipSync(packed.rawPayload).equals(executable)).toBe(true);
    expect(packed.headers.etag).toBe(`"${sha256}-gz"`);

    for (const acceptEncoding of [undefined, 'identity', 'gzip;q=0']) {
      const plain = await app.inject({
        method: 'GET',
        url,
        headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {},
      });
      expect(plain.statusCode, acceptEncoding).toBe(200);
      expect(plain.headers['content-encoding'], acceptEncoding).toBeUndefined();
      expect(plain.headers['content-length']).toBe(String(executable.length));
      expect(plain.rawPayload.equals(executable), acceptEncoding).toBe(true);
      expect(plain.headers.etag).toBe(`"${sha256}"`);
    }
    const sum = await app.inject({ method: 'GET', url: `${url}.sha256` });
    expect(sum.body).toBe(`${sha256}  berth-agent-linux-arm64-gnu\n`);
    await app.close();
  });

  it('answers 404 with a message saying what to do when that executable is not built', async () => {
    const app = await installApp({ agentExecutablesDir: exeDir });
    for (const url of ['/agent/berth-agent-linux-x64-gnu', '/agent/berth-agent-linux-x64-gnu.sha256']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
      const body = response.json() as { error: { code: string; message: string } };
      expect(body.error.code).toBe('not_found');
      expect(body.error.message).toMatch(
        /agent executable berth-agent-linux-x64-gnu is not built on this server.*--mode docker/,
      );
      expect(body.error.message).not.toContain(dir);
    }
    await app.close();
  });

  it('answers 404 naming the downloads for any other file under /agent/ (the Node.js bundle is gone)', async () => {
    const app = await installApp({ agentExecutablesDir: exeDir });
    for (const url of [
      '/agent/berth-agent.mjs',
      '/agent/berth-agent-linux-riscv64-gnu',
      '/agent/..%2Fpasswd',
    ]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect((response.json() as { error: { message: string } }).error.message).toContain(
        'berth-agent-linux-x64-gnu, berth-agent-linux-x64-musl',
      );
    }
    await app.close();
  });

  it('answers 404 when the install script itself is missing', async () => {
    const app = await installApp({ installScriptPath: join(dir, 'missing.sh') });
    const response = await app.inject({ method: 'GET', url: '/install.sh' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'not_found' } });
    await app.close();
  });
});

describe('install routes in the API', () => {
  let harness: TestApi;
  beforeAll(async () => {
    harness = await startTestApi(undefined, {
      publicUrl: 'https://berth.example.com',
      gatewayUrl: 'https://agents.example.com',
    });
  });
  afterAll(() => harness?.stop());

  it('serves /install.sh publicly, without a session or token', async () => {
    const response = await harness.api.app.inject({ method: 'GET', url: '/install.sh' });
    expect(
      response.statusCode,
      'GET /install.sh is not routed: call registerInstallRoutes(app, ctx) in routes/register-routes.ts',
    ).toBe(200);
    expect(response.body).toContain("DEFAULT_SERVER='https://agents.example.com'");
    expect(response.body).toContain("BERTH_URL='https://berth.example.com'");
  });
});
