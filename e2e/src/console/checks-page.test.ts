import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot as saveIn } from '../support/chromium.js';
import { artifactsDir, browserTestProblem } from '../support/console-env.js';
import { collectPageErrors } from './browser.js';
import { seedContainers, seedOnlineHost } from './seed-console-rows.js';
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
    // The runs' minutes are marked for the rollup job as the gateway's ingest marks them (the 7- and
    // 30-day uptimes read the rollups and, for marked minutes, the raw runs); the container row lets
    // the container page link to its checks.
    const host = await seedOnlineHost(owner, email);
    await seedContainers(owner, host, [{ shortId: 'abcdef012345', name: 'web', image: 'nginx' }]);
    await owner.query(
      `WITH runs AS (
       INSERT INTO check_results (org_id, host_id, check_id, container_name, container_id, check_name, kind, ts, status,
         latency_ms, status_code, error, target)
       SELECT $1::uuid, $2::uuid, md5($2 || '/web/' || r.name)::uuid, 'web', 'abcdef012345', r.name, r.kind,
         now() - make_interval(secs => r.ago), r.status, r.latency, r.code, r.error, r.target
       FROM (VALUES
         ('default', 'http', 240, 'up', 10, 200, NULL, 'http://172.17.0.2:8080/health'),
         ('default', 'http', 180, 'up', 20, 200, NULL, 'http://172.17.0.2:8080/health'),
         ('default', 'http', 120, 'up', 30, 200, NULL, 'http://172.17.0.2:8080/health'),
         ('default', 'http', 60, 'down', 0, NULL, 'connection refused', 'http://172.17.0.2:8080/health'),
         ('db', 'tcp', 60, 'up', 2, NULL, NULL, '172.17.0.3:5432')
       ) AS r(name, kind, ago, status, latency, code, error, target)
       RETURNING org_id, host_id, ts)
       INSERT INTO rollup_dirty_minutes (org_id, host_id, minute)
       SELECT DISTINCT org_id, host_id, date_trunc('minute', ts, 'UTC') FROM runs
       ON CONFLICT (host_id, minute) DO NOTHING`,
      [host.orgId, host.hostId],
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

  it("opens a check's page from the list: status now, uptime 24 h / 7 d / 30 d, recent runs, latency chart, failures", async () => {
    const page = await world.signIn();
    const errors = collectPageErrors(page);

    await page.goto(`${world.web.url}/checks`);
    await page.getByRole('link', { name: 'web / default' }).click();
    await page.waitForURL('**/checks/*');
    await page.getByRole('heading', { name: 'web / default', level: 1 }).waitFor();
    const facts = (await page.locator('dl').first().textContent()) ?? '';
    expect(facts).toContain('Nowdown');
    expect(facts).toContain('Uptime 24 h75%');
    expect(facts).toContain('Uptime 7 d75%');
    expect(facts).toContain('Uptime 30 d75%');
    // The status bar: four runs, oldest first, the newest down with its error in its title.
    const bar = page.getByRole('list', { name: 'Recent runs, oldest first' });
    const cells = bar.getByRole('listitem');
    expect(await cells.evaluateAll((items) => items.map((item) => item.getAttribute('data-status')))).toEqual(
      ['up', 'up', 'up', 'down'],
    );
    expect(await cells.last().getAttribute('title')).toContain('connection refused');
    // The latency chart: drawn from the API's series, its legend showing the slowest run in ms.
    const chart = page.getByRole('figure', { name: 'Latency of web / default', exact: true });
    await expect
      .poll(() => chart.getByText('No data in this time range').count(), { timeout: 20_000 })
      .toBe(0);
    expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
    expect(await chart.getByRole('list').textContent()).toMatch(/\d+ ms/);
    const failures = page.getByRole('table', { name: 'Last failures' });
    const failureRows = (await failures.getByRole('row').allTextContents()).slice(1);
    expect(failureRows).toHaveLength(1);
    expect(failureRows[0]).toContain('connection refused');
    await saveIn(page, SCREENSHOTS, 'check');

    // The container page lists its checks and links back to this page.
    const checkUrl = page.url();
    await page.getByRole('link', { name: 'web', exact: true }).click();
    await page.waitForURL('**/containers/abcdef012345');
    const checks = page.getByRole('region', { name: 'Health checks' });
    await checks.getByRole('link', { name: 'default' }).click();
    await page.waitForURL(checkUrl);
    await page.getByRole('heading', { name: 'web / default', level: 1 }).waitFor();
    expect(errors).toEqual([]);
  });
});
