import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../free-port.js';
import type { RunningService } from '../start-services.js';
import { startWeb } from '../start-web.js';

// `npm start` binds every service to HOST, 0.0.0.0 by default. The console's sign-in redirects
// must still send the browser to the public URL, never to the bind address.
const built = existsSync(fileURLToPath(new URL('../../../web/.next/BUILD_ID', import.meta.url)));
if (!built)
  console.warn('web sign-in redirect test skipped: apps/web is not built (`npm run build -w @berth/web`)');

describe.skipIf(!built)('embedded web console bound to 0.0.0.0', () => {
  let dataDir = '';
  let web: RunningService | null = null;
  let publicUrl = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'berth-embedded-web-'));
    const port = await freePort(0);
    publicUrl = `http://localhost:${port}`;
    web = await startWeb({
      port,
      host: '0.0.0.0',
      // Nothing listens there: the password check fails, which is a redirect too.
      apiUrl: `http://127.0.0.1:${await freePort(0)}`,
      publicUrl,
      execSocketUrl: 'http://localhost:3001',
      authSecret: 'embedded-web-test-secret-0123456789abcdef',
      dataDir,
      log: () => {},
    });
  });
  afterAll(async () => {
    await web?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('redirects a credentials sign-in to the public URL, not http://0.0.0.0', async () => {
    const base = web?.url ?? '';
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers
      .getSetCookie()
      .map((entry) => entry.split(';')[0])
      .join('; ');
    const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ csrfToken, email: 'admin@berth.local', password: 'not checked here' }),
    });
    expect(signIn.status).toBe(302);
    const location = signIn.headers.get('location') ?? '';
    expect(location).not.toContain('0.0.0.0');
    expect(new URL(location).origin).toBe(publicUrl);
  });
});
