import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { collectPageErrors, launchChromium, saveScreenshot } from './chromium';

const scroller = '[data-testid="logs-scroller"]';

describe.each(['light', 'dark'] as const)('logs viewer (%s theme)', (theme) => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({
      viewport: { width: 1200, height: 760 },
      deviceScaleFactor: 1,
      acceptDownloads: true,
    });
    errors = collectPageErrors(page);
    await page.goto(`${inject('harnessUrl')}/?page=logs&theme=${theme}`);
    await page.waitForSelector(`${scroller} [data-index]`);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('keeps only the visible rows of 5,000 in the DOM and starts at the newest line', async () => {
    const rendered = await page.locator(`${scroller} [data-index]`).count();
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(200);
    const status = await page.locator('section[aria-label="Logs of web-1"] > div').last().textContent();
    expect(status).toMatch(/^4,995 lines · [\d,]+ stderrFollowing$/);
    await expect.poll(() => page.locator(`${scroller} [data-index="4999"]`).count()).toBe(1);
    await saveScreenshot(page, `logs-${theme}`);
  });

  it('renders ANSI colours and styles stderr differently from stdout', async () => {
    const look = await page.evaluate((selector) => {
      const root = document.querySelector(selector);
      const out = root?.querySelector('[data-stream="stdout"]');
      const err = root?.querySelector('[data-stream="stderr"]');
      const colored = root?.querySelector('[data-stream] span[style*="color"]');
      return {
        outBg: out ? getComputedStyle(out).backgroundColor : null,
        errBg: err ? getComputedStyle(err).backgroundColor : null,
        errRule: err ? getComputedStyle(err).borderLeftColor : null,
        outRule: out ? getComputedStyle(out).borderLeftColor : null,
        coloredText: colored?.textContent ?? null,
        coloredColor: colored ? getComputedStyle(colored).color : null,
        escapes: root?.textContent?.includes('\u001b') ?? true,
      };
    }, scroller);
    expect(look.errBg).not.toBe(look.outBg);
    expect(look.errRule).not.toBe(look.outRule);
    expect(look.coloredText).toBeTruthy();
    expect(look.coloredColor).toMatch(/^rgb/);
    expect(look.escapes).toBe(false);
  });

  it('never turns log content into markup (no <script> or <img> from a line)', async () => {
    const search = page.locator('input[aria-label="Search logs"]');
    await search.fill('rejected input');
    await expect.poll(() => page.locator('[aria-live="polite"]').first().textContent()).toBe('5 matches');
    await search.press('Enter');
    await expect.poll(() => page.locator(`${scroller} [data-current="true"]`).count()).toBe(1);
    const current = page.locator(`${scroller} [data-current="true"]`);
    expect(await current.textContent()).toContain('<script>window.__pwned = 1</script><img src=x');
    expect(await page.locator(`${scroller} script, ${scroller} img`).count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await search.fill('');
  });

  it('highlights search matches, counts them and moves between them', async () => {
    const search = page.locator('input[aria-label="Search logs"]');
    const count = page.locator('[aria-live="polite"]').first();
    await search.fill('upstream timeout');
    await expect.poll(() => count.textContent()).toBe('200 matches');
    await search.press('Enter');
    await expect.poll(() => count.textContent()).toBe('1 of 200');
    await search.press('Enter');
    await expect.poll(() => count.textContent()).toBe('2 of 200');
    await expect.poll(() => page.locator(`${scroller} [data-current="true"] mark`).count()).toBe(1);
    expect(await page.locator(`${scroller} [data-current="true"] mark`).textContent()).toBe(
      'upstream timeout',
    );
    expect(await page.locator(`${scroller} mark`).count()).toBeGreaterThan(1);
    await saveScreenshot(page, `logs-search-${theme}`);
    // Searching pauses follow so the match stays in view.
    expect(await page.locator('button[aria-label="Follow live"]').count()).toBe(1);
    await search.fill('');
  });

  it('shows dropped-line markers and wraps or scrolls very long lines', async () => {
    await page.locator(scroller).evaluate((element) => {
      element.scrollTop = 500 * 20 - 100;
    });
    await expect
      .poll(() => page.locator(`${scroller} [data-index="500"]`).textContent())
      .toContain('… 17 lines dropped by rate limit');
    const long = page.locator(`${scroller} [data-index="250"]`);
    await page.locator(scroller).evaluate((element) => {
      element.scrollTop = 250 * 20 - 100;
    });
    await expect.poll(() => long.count()).toBe(1);
    expect(await long.textContent({ timeout: 2000 })).toContain('more characters (in the download)');
    const scrollWidth = await page
      .locator(scroller)
      .evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(scrollWidth).toBeGreaterThan(1000);
    await page.locator('button[aria-label="Wrap long lines"]').click();
    await expect
      .poll(() => page.locator(scroller).evaluate((element) => element.scrollWidth - element.clientWidth))
      .toBeLessThan(2);
    await expect.poll(async () => (await long.boundingBox())?.height ?? 0).toBeGreaterThan(200);
    await saveScreenshot(page, `logs-wrapped-${theme}`);
    await page.locator('button[aria-label="Wrap long lines"]').click();
  });

  it('pauses live follow when scrolled up, counts new lines, and resumes', async () => {
    await page.locator('button[aria-label="Follow live"]').click();
    await expect.poll(() => page.locator(`${scroller} [data-index="4999"]`).count()).toBe(1);
    await page.mouse.move(600, 400);
    await page.mouse.wheel(0, -600);
    await expect.poll(() => page.locator('button[aria-label="Follow live"]').count()).toBe(1);
    await page.evaluate(() => window.berthLogs?.append(40));
    await expect
      .poll(() => page.getByRole('button', { name: /new lines/ }).textContent())
      .toBe('40 new lines');
    await page.getByRole('button', { name: /new lines/ }).click();
    await expect.poll(() => page.locator(`${scroller} [data-index="5039"]`).count()).toBe(1);
    await page.evaluate(() => window.berthLogs?.append(10));
    await expect.poll(() => page.locator(`${scroller} [data-index="5049"]`).count()).toBe(1);
  });

  it('downloads the visible lines as a .log file without escape codes', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('button[aria-label="Download visible lines"]').click(),
    ]);
    expect(download.suggestedFilename()).toBe('web-1.log');
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(5050);
    expect(text).not.toContain('\u001b');
    expect(lines[0]).toMatch(/^2025-11-20T00:00:00\.000Z stdout /);
    expect(text).toContain('… 17 lines dropped by rate limit');
    expect(errors).toEqual([]);
  });
});
