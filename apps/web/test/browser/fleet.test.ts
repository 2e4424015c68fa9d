import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { collectPageErrors, launchChromium, saveScreenshot } from './chromium';
import {
  routeAlertCountsByHost,
  routeHeldStreamEvents,
  routeSilentStream,
  routeStreamEvents,
} from './stub-network';

const hostIdOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const QUIET = { hosts: {} };
/** host-0003 has two critical alerts firing; host-0004 one warning pending. */
const SOME_ALERTS = {
  hosts: {
    [hostIdOf(3)]: { firing: 2, pending: 0, worstSeverity: 'critical' as const, containers: {} },
    [hostIdOf(4)]: { firing: 0, pending: 1, worstSeverity: 'warning' as const, containers: {} },
  },
};

const firstHost = (page: Page) =>
  page.getByRole('table', { name: 'Hosts' }).locator('tbody tr a').first().textContent();

describe.each(['light', 'dark'] as const)('fleet overview with 1,000 hosts (%s theme)', (theme) => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    errors = collectPageErrors(page);
    await routeSilentStream(page);
    await routeAlertCountsByHost(page, SOME_ALERTS);
    await page.goto(`${inject('harnessUrl')}/?page=fleet&theme=${theme}`);
    await page.getByRole('table', { name: 'Hosts' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows totals and keeps only the visible rows of 1,000 in the DOM', async () => {
    const totals = page.getByRole('definition').filter({ hasText: /\d/ });
    expect(await page.locator('dl[aria-label="Fleet totals"]').textContent()).toMatch(
      /^Hosts1,000Online900Offline100Containers6,000Running5,000Stopped1,000Agent updates143$/,
    );
    expect(await totals.count()).toBeGreaterThan(5);
    const rows = await page.locator('table tbody tr a').count();
    expect(rows).toBeGreaterThan(10);
    expect(rows).toBeLessThan(60);
    expect(await page.getByText('1,000 hosts', { exact: true }).count()).toBe(1);
    await saveScreenshot(page, `fleet-${theme}`);
  });

  it('badges the hosts with open alerts, linking to their alerts, and leaves the others bare', async () => {
    const firing = page.getByRole('link', { name: '2 firing alerts on host-0003' });
    await firing.waitFor();
    expect(await firing.getAttribute('href')).toBe(`/alerts?state=firing&hostId=${hostIdOf(3)}`);
    expect(await firing.getAttribute('data-severity')).toBe('critical');
    const pending = page.getByRole('link', { name: '1 pending alert on host-0004' });
    expect(await pending.getAttribute('href')).toBe(`/alerts?state=pending&hostId=${hostIdOf(4)}`);
    expect(await page.getByRole('link', { name: /alerts? on host-/ }).count()).toBe(2);
    await saveScreenshot(page, `fleet-alert-badges-${theme}`);
  });

  it('sorts by a column header, busiest first, and marks the header', async () => {
    await page.getByRole('button', { name: 'CPU' }).click();
    expect(await firstHost(page)).toBe('host-0500');
    expect(await page.getByRole('columnheader', { name: 'CPU' }).getAttribute('aria-sort')).toBe(
      'descending',
    );
    await page.getByRole('button', { name: 'Host' }).click();
    expect(await firstHost(page)).toBe('host-0000');
  });

  it('filters by search words and labels, and by status', async () => {
    const filter = page.getByRole('searchbox', { name: 'Filter hosts' });
    await filter.fill('host-09 env=staging');
    await expect.poll(() => page.getByText(/^\d+ of 1,000 hosts$/).textContent()).toBe('25 of 1,000 hosts');
    await filter.fill('');
    await page.getByRole('combobox', { name: 'Status' }).selectOption('offline');
    await expect.poll(() => page.getByText(/^\d+ of 1,000 hosts$/).textContent()).toBe('100 of 1,000 hosts');
    expect(await firstHost(page)).toBe('host-0009');
    await page.getByRole('combobox', { name: 'Status' }).selectOption('all');
  });

  it('scrolls to the last host, rendering rows as they come into view', async () => {
    await page.getByRole('table', { name: 'Hosts' }).evaluate((table) => {
      const scroller = table.parentElement;
      if (scroller) scroller.scrollTop = scroller.scrollHeight;
    });
    await expect.poll(() => page.getByRole('link', { name: 'host-0999' }).count()).toBe(1);
    expect(errors).toEqual([]);
  });
});

describe('fleet overview on a phone', () => {
  it('fits a 390 px screen without horizontal page scroll', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
      await routeSilentStream(page);
      await routeAlertCountsByHost(page, SOME_ALERTS);
      await page.goto(`${inject('harnessUrl')}/?page=fleet&theme=light`);
      await page.getByRole('table', { name: 'Hosts' }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await saveScreenshot(page, 'fleet-phone');
    } finally {
      await browser.close();
    }
  });
});

describe('fleet overview, live', () => {
  it('applies samples and status events from the stream to the rows and totals, with sparklines', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
      const errors = collectPageErrors(page);
      const hostId = '00000000-0000-4000-8000-000000000000';
      const sample = (cpuPct: number, second: number) => ({
        type: 'samples',
        data: {
          type: 'samples',
          hostId,
          at: `2026-11-23T10:00:${String(second).padStart(2, '0')}.000Z`,
          host: { cpuPct, memUsed: 8 * 1024 ** 3, memTotal: 32 * 1024 ** 3, load1: 1 },
          containers: [],
        },
      });
      await routeStreamEvents(page, [
        sample(12, 10),
        sample(77, 20),
        {
          type: 'host.status',
          data: {
            type: 'host.status',
            hostId: '00000000-0000-4000-8000-000000000001',
            status: 'offline',
            at: '2026-11-23T10:00:30.000Z',
          },
        },
      ]);
      await routeAlertCountsByHost(page, QUIET);
      await page.goto(`${inject('harnessUrl')}/?page=fleet&theme=light`);
      const cpu = page.getByRole('img', { name: 'CPU of host-0000: latest 77%' });
      await cpu.waitFor({ timeout: 10_000 });
      expect(await page.getByRole('img', { name: 'Memory of host-0000: latest 25%' }).count()).toBe(1);
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'host-0001' }) });
      expect(await row.getByText('offline').count()).toBe(1);
      expect(await page.locator('dl[aria-label="Fleet totals"]').textContent()).toMatch(
        /Online899Offline101/,
      );
      await saveScreenshot(page, 'fleet-live');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('badges a host once one of its alerts changes, reading the tallies again', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
      const errors = collectPageErrors(page);
      const release = await routeHeldStreamEvents(page, [
        {
          type: 'alert.changed',
          data: {
            type: 'alert.changed',
            alertId: '10000000-0000-4000-8000-000000000001',
            ruleId: '20000000-0000-4000-8000-000000000001',
            state: 'firing',
            severity: 'critical',
            acknowledged: false,
            hostId: hostIdOf(3),
            summary: 'CPU above 80 %',
            at: '2026-11-23T10:00:40.000Z',
          },
        },
      ]);
      const counts = await routeAlertCountsByHost(page, QUIET);
      await page.goto(`${inject('harnessUrl')}/?page=fleet&theme=light`);
      await page.getByRole('table', { name: 'Hosts' }).waitFor();
      await expect.poll(() => counts.calls()).toBeGreaterThan(0);
      expect(await page.getByRole('link', { name: /alerts? on host-/ }).count()).toBe(0);
      counts.answer(SOME_ALERTS);
      release();
      await page.getByRole('link', { name: '2 firing alerts on host-0003' }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
