import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot as saveIn } from '../support/chromium.js';
import { artifactsDir, browserTestProblem } from '../support/console-env.js';
import { collectPageErrors } from './browser.js';
import { type SignedUpConsole, startSignedUpConsole } from './signed-up-console.js';

// The Checks page through the console (`next start`, the real API, a real database): check runs
// are written as the gateway's ingest leaves them (the agent-to-API path has its own suite,
// src/checks), and the page shows each check's status, uptime and latency.

const problem = browserTestProblem();
if (problem) console.warn(`checks page e2e skipped: ${problem}`);
const SCREENSHOTS = artifactsDir('e2e-checks-page');

describe.skipIf(problem !== undefined)(`the checks page${problem ? ` (skipped: ${problem})` : ''}`, () => {
  let world: SignedUpConsole;

  beforeAll(async () => {
    world = await startSignedUpConsole('checks');
    const { owner, email } = world;
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
    if (context.task.result?.state === 'fail') world?.markFailed();
  });

  afterAll(() => world?.stop());

  it('lists the checks from the navigation, down first, with status, uptime, latency and the error', async () => {
    const page = await world.signIn();
    const errors = collectPageErrors(page);

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
