import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@berth/db/testing';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ListeningApi, startListeningApi } from '../oidc/listening-api.js';
import { launchChromium, saveScreenshot as saveIn } from '../support/chromium.js';
import { artifactsDir, browserTestProblem } from '../support/console-env.js';
import { readE2eEnv } from '../support/e2e-env.js';
import { freePort } from '../support/free-port.js';
import type { ManagedProcess } from '../support/managed-process.js';
import { startConsole } from '../support/start-console.js';
import { collectPageErrors, newPerson } from './browser.js';

// The Checks page through the console (`next start`, the real API, a real database): check runs
// are written as the gateway's ingest leaves them (the agent-to-API path has its own suite,
// src/checks), and the page shows each check's status, uptime and latency.

const problem = browserTestProblem();
if (problem) console.warn(`checks page e2e skipped: ${problem}`);
const SCREENSHOTS = artifactsDir('e2e-checks-page');
const AUTH_SECRET = 'e2e-checks-page-secret-0123456789abcdef';
const PASSWORD = 'correct horse battery staple';

describe.skipIf(problem !== undefined)(`the checks page${problem ? ` (skipped: ${problem})` : ''}`, () => {
  let logDir: string;
  let database: TestDatabase;
  let owner: pg.Client;
  let api: ListeningApi;
  let web: { url: string; process: ManagedProcess };
  let browser: Browser;
  let failed = false;
  const email = `checks-${Date.now().toString(36)}@example.test`;

  beforeAll(async () => {
    logDir = await mkdtemp(path.join(tmpdir(), 'berth-e2e-checks-'));
    database = await createTestDatabase();
    owner = new pg.Client({ connectionString: database.adminUrl });
    await owner.connect();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    api = await startListeningApi({
      databaseUrl: database.appUrl,
      authSecret: AUTH_SECRET,
      consoleOrigin: url,
    });
    const process = await startConsole({
      port,
      logFile: path.join(logDir, 'web.log'),
      env: { ...readE2eEnv().childBase, AUTH_SECRET, API_INTERNAL_URL: api.url, BERTH_PUBLIC_URL: url },
    });
    web = { url, process };
    browser = await launchChromium();
    const signedUp = await fetch(`${api.url}/api/v1/auth/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD, name: 'Olivia Owner', orgName: 'Acme Ops' }),
    });
    expect(signedUp.status).toBe(201);
    // A host whose `web` container has two checks: `default` up in 3 of 4 runs (down now), `db` always up.
    await owner.query(
      `WITH o AS (SELECT m.org_id AS id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1),
            h AS (INSERT INTO hosts (org_id, name, hostname, credential_hash, status, last_seen_at)
                  SELECT o.id, 'web-1', 'web-1.example.test', 'cred-' || gen_random_uuid(), 'online', now() FROM o
                  RETURNING id, org_id)
       INSERT INTO check_results (org_id, host_id, check_id, container_name, check_name, kind, ts, status,
         latency_ms, status_code, error, target)
       SELECT h.org_id, h.id, md5(h.id::text || '/web/' || r.name)::uuid, 'web', r.name, r.kind,
         now() - make_interval(secs => r.ago), r.status, r.latency, r.code, r.error, r.target
       FROM h, (VALUES
         ('default', 'http', 240, 'up', 10, 200, NULL, 'http://172.17.0.2:8080/health'),
         ('default', 'http', 180, 'up', 20, 200, NULL, 'http://172.17.0.2:8080/health'),
         ('default', 'http', 120, 'up', 30, 200, NULL, 'http://172.17.0.2:8080/health'),
         ('default', 'http', 60, 'down', 0, NULL, 'connection refused', 'http://172.17.0.2:8080/health'),
         ('db', 'tcp', 60, 'up', 2, NULL, NULL, '172.17.0.3:5432')
       ) AS r(name, kind, ago, status, latency, code, error, target)`,
      [email],
    );
  }, 120_000);

  afterEach((context) => {
    if (context.task.result?.state === 'fail') failed = true;
  });

  afterAll(async () => {
    if (failed) console.warn(`[checks e2e] console logs kept in ${logDir}`);
    await browser?.close();
    await web?.process.stop(5_000);
    await api?.close();
    await owner?.end();
    await database?.drop();
    if (!failed) await rm(logDir, { recursive: true, force: true });
  });

  it('lists the checks from the navigation, down first, with status, uptime, latency and the error', async () => {
    const { page } = await newPerson(browser, web.url);
    const errors = collectPageErrors(page);
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/fleet');

    await page.getByRole('link', { name: 'Checks' }).click();
    await page.waitForURL('**/checks');
    const table = page.getByRole('table', { name: 'Health checks' });
    await table.waitFor();
    const rows = (await table.getByRole('row').allTextContents()).slice(1).map((text) => text.trim());
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('down');
    expect(rows[0]).toContain('web / default');
    expect(rows[0]).toContain('75%');
    expect(rows[0]).toContain('20 ms / 29 ms');
    expect(rows[0]).toContain('connection refused');
    expect(rows[1]).toContain('up');
    expect(rows[1]).toContain('web / db');
    expect(rows[1]).toContain('100%');
    await saveIn(page, SCREENSHOTS, 'checks');
    expect(errors).toEqual([]);
  });
});
