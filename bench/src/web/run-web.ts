/**
 * bench:web — FCP and LCP of the console's fleet overview (1,000 hosts) and of a container
 * page with a 24-hour chart, in headless Chromium against the production build, a warm
 * `next start`, the real API and PostgreSQL; chart and table smoothness in frames. Baseline:
 * the same server's static 404 page. Last line:
 * `bench web: fcp=MS lcp=MS chart_fcp=MS chart_lcp=MS`.
 */
import { randomBytes } from 'node:crypto';
import type { TestDatabase } from '@berth/db/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createBenchDatabase } from '../shared/bench-database.js';
import { findFreePort } from '../shared/find-free-port.js';
import { percentile } from '../shared/percentile.js';
import { readOption } from '../shared/read-option.js';
import { killChildren } from '../shared/track-children.js';
import { type FrameStats, interactWithChart, measureFrames, scrollHostsTable } from './measure-frames.js';
import { measurePaint, type PaintResult } from './measure-paint.js';
import { seedFleet } from './seed-fleet.js';
import { buildWeb, hasWebBuild, type Server, startApi, startWeb } from './start-servers.js';

const RUNS = readOption('runs', 7);
const HOSTS = readOption('hosts', 1000);
/** 1: reuse an existing apps/web/.next-bench build instead of building again. */
const REUSE_BUILD = readOption('reuse-build', 0) === 1;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let database: TestDatabase | undefined;
let browser: Browser | undefined;
const servers: Server[] = [];

try {
  await main();
} catch (error) {
  console.error(`bench web FAILED: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
} finally {
  await browser?.close().catch(() => {});
  await Promise.allSettled(servers.map((server) => server.stop()));
  killChildren();
  await database?.drop().catch(() => {});
}

async function main(): Promise<void> {
  if (REUSE_BUILD && hasWebBuild()) console.log('build: reusing apps/web/.next-bench');
  else console.log(`build: next build in ${((await buildWeb()) / 1000).toFixed(1)} s (apps/web/.next-bench)`);

  database = await createBenchDatabase();
  const seeded = await seedFleet(database.adminUrl, database.appUrl, HOSTS);
  console.log(`seeded: ${HOSTS} hosts × 6 containers, one container with 24 h of 10-s samples`);

  const authSecret = randomBytes(32).toString('base64url');
  const webPort = await findFreePort();
  const api = await startApi({ ...database, authSecret }, `http://127.0.0.1:${webPort}`);
  servers.push(api);
  const web = await startWeb(webPort, api.url, authSecret);
  servers.push(web);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const storageState = await signIn(browser, web.url, seeded);
  const chartPath = `/hosts/${seeded.chart.hostId}/containers/${seeded.chart.containerId}?range=24h`;
  const pages = {
    baseline: {
      url: `${web.url}/bench-static-page`,
      ready: (page: Page) => page.getByRole('heading').first().waitFor(),
    },
    fleet: {
      url: `${web.url}/fleet`,
      ready: (page: Page) => page.getByRole('table', { name: 'Hosts' }).waitFor(),
    },
    chart: {
      url: `${web.url}${chartPath}`,
      ready: (page: Page) => page.locator('figure[aria-label="CPU of bench-chart"] canvas').waitFor(),
    },
  };

  // Warm the server (compiled routes, JIT, connection pools) before anything is timed.
  for (let i = 0; i < 3; i++) {
    for (const target of Object.values(pages))
      await measurePaint(browser, storageState, target.url, target.ready);
  }
  const results: Record<keyof typeof pages, PaintResult[]> = { baseline: [], fleet: [], chart: [] };
  for (let run = 0; run < RUNS; run++) {
    for (const [name, target] of Object.entries(pages) as [keyof typeof pages, (typeof pages)['fleet']][]) {
      results[name].push(await measurePaint(browser, storageState, target.url, target.ready));
    }
  }
  const smoothness = await measureSmoothness(browser, storageState, pages.fleet.url, pages.chart.url);
  report(results, smoothness);
}

async function signIn(
  instance: Browser,
  webUrl: string,
  seeded: { email: string; password: string },
): Promise<Awaited<ReturnType<import('playwright-core').BrowserContext['storageState']>>> {
  const context = await instance.newContext();
  const page = await context.newPage();
  await page.goto(`${webUrl}/sign-in`);
  await page.getByLabel('Email').fill(seeded.email);
  await page.getByLabel('Password').fill(seeded.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/fleet', { timeout: 30_000 });
  const state = await context.storageState();
  await context.close();
  return state;
}

async function measureSmoothness(
  instance: Browser,
  storageState: Awaited<ReturnType<import('playwright-core').BrowserContext['storageState']>>,
  fleetUrl: string,
  chartUrl: string,
): Promise<{ chart: FrameStats; table: FrameStats }> {
  const context = await instance.newContext({ viewport: { width: 1366, height: 900 }, storageState });
  try {
    const page = await context.newPage();
    await page.goto(chartUrl);
    await page.locator('figure[aria-label="CPU of bench-chart"] canvas').waitFor();
    const chart = await measureFrames(page, () => interactWithChart(page, 'CPU of bench-chart'));
    await page.goto(fleetUrl);
    await page.getByRole('table', { name: 'Hosts' }).waitFor();
    // Let the background pages (hosts 201–1,000) arrive first: the scroll covers all of them.
    await page
      .getByText(`${HOSTS.toLocaleString('en-US')} hosts`, { exact: true })
      .waitFor({ timeout: 30_000 });
    const table = await measureFrames(page, () => scrollHostsTable(page));
    return { chart, table };
  } finally {
    await context.close();
  }
}

function median(values: number[]): number {
  return percentile(values, 50);
}

function report(
  results: Record<'baseline' | 'fleet' | 'chart', PaintResult[]>,
  smoothness: { chart: FrameStats; table: FrameStats },
): void {
  const row = (name: string, list: PaintResult[], base?: PaintResult[]) => {
    const fcp = median(list.map((r) => r.fcp));
    const lcp = median(list.map((r) => r.lcp));
    const ready = median(list.map((r) => r.readyMs));
    const ttfb = median(list.map((r) => r.ttfb));
    const ratio = base
      ? `  ×${(fcp / median(base.map((r) => r.fcp))).toFixed(2)} / ×${(lcp / median(base.map((r) => r.lcp))).toFixed(2)}`
      : '';
    const element = list.at(-1)?.lcpElement ?? '?';
    console.log(
      `${name.padEnd(30)} ${ttfb.toFixed(0).padStart(7)} ${fcp.toFixed(0).padStart(7)} ${lcp.toFixed(0).padStart(7)} ${ready.toFixed(0).padStart(9)}  ${element.padEnd(24)}${ratio}`,
    );
    return { fcp, lcp };
  };
  console.log(
    `\nmedian of ${RUNS} cold visits each (new browser context: empty cache), warm server, loopback`,
  );
  console.log(
    `${'page'.padEnd(30)} ${'TTFB ms'.padStart(7)} ${'FCP ms'.padStart(7)} ${'LCP ms'.padStart(7)} ${'ready ms'.padStart(9)}  ${'LCP element'.padEnd(24)}vs baseline (FCP / LCP)`,
  );
  row('baseline: static 404 page', results.baseline);
  const fleet = row(`fleet overview (${HOSTS} hosts)`, results.fleet, results.baseline);
  const chart = row('container page, 24 h charts', results.chart, results.baseline);
  const frames = (name: string, stats: FrameStats) =>
    console.log(
      `${name.padEnd(30)} frames=${stats.frames} p50=${stats.p50.toFixed(1)} ms p95=${stats.p95.toFixed(1)} ms max=${stats.max.toFixed(1)} ms >50ms=${stats.over50} dropped=${stats.dropped}`,
    );
  console.log('\nsmoothness (requestAnimationFrame deltas)');
  frames('chart drag-zoom + hover + reset', smoothness.chart);
  frames(`hosts table wheel scroll`, smoothness.table);
  console.log(
    `bench web: fcp=${fleet.fcp.toFixed(0)} lcp=${fleet.lcp.toFixed(0)} chart_fcp=${chart.fcp.toFixed(0)} chart_lcp=${chart.lcp.toFixed(0)}`,
  );
}
