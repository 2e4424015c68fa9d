import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { collectPageErrors, launchChromium, saveScreenshot } from './chromium';

/** Share of canvas pixels that are not fully transparent (the chart drew something). */
function paintedShare(page: Page, chartLabel: string): Promise<number> {
  return page.evaluate((label) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`figure[aria-label="${label}"] canvas`);
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted++;
    return painted / (data.length / 4);
  }, chartLabel);
}

function legend(page: Page, chartLabel: string): Promise<string[]> {
  return page
    .locator(`ul[aria-label="${chartLabel} legend"] button`)
    .evaluateAll((buttons) => buttons.map((button) => button.textContent ?? ''));
}

describe.each(['light', 'dark'] as const)('time-series chart (%s theme)', (theme) => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 820 }, deviceScaleFactor: 1 });
    errors = collectPageErrors(page);
    await page.goto(`${inject('harnessUrl')}/?page=chart&theme=${theme}`);
    await page.waitForSelector('figure[aria-label="CPU and memory of web-1"] canvas');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('renders 10,000 points on the canvas with a legend naming every series and its latest value', async () => {
    expect(await paintedShare(page, 'CPU and memory of web-1')).toBeGreaterThan(0.02);
    const items = await legend(page, 'CPU and memory of web-1');
    expect(items).toHaveLength(3);
    expect(items[0]).toMatch(/^CPU\d+(\.\d+)?%$/);
    expect(items[1]).toMatch(/^Memory\d+(\.\d+)? MiB$/);
    expect(items[2]).toBe('Memory limit1 GiB');
    const axes = await page.locator('figure[aria-label="CPU and memory of web-1"] .u-axis').count();
    expect(axes).toBe(3);
    await saveScreenshot(page, `chart-${theme}`);
    expect(errors).toEqual([]);
  });

  it('shows a tooltip with the time and each value under the cursor', async () => {
    const over = page.locator('figure[aria-label="CPU and memory of web-1"] .u-over');
    const box = await over.boundingBox();
    if (!box) throw new Error('no plot area');
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
    const tooltip = over.locator('div[role="presentation"]');
    await expect.poll(() => tooltip.isVisible()).toBe(true);
    const text = (await tooltip.textContent()) ?? '';
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}CPU[\d.]+%Memory[\d.]+ MiBMemory limit1 GiB$/);
    if (theme === 'light') await saveScreenshot(page, 'chart-tooltip-light');
    await page.mouse.move(0, 0);
  });

  it('appends live points without re-creating the chart', async () => {
    const canvas = await page.locator('figure[aria-label="CPU and memory of web-1"] canvas').elementHandle();
    await page.evaluate(() => window.berthHarness?.appendChartPoints(30));
    const items = page.locator('ul[aria-label="CPU and memory of web-1 legend"] button').first();
    // The demo's live points are 150–170 %, far above the history's last value.
    await expect
      .poll(async () => Number((await items.textContent())?.replace(/[^\d.]/g, '')))
      .toBeGreaterThanOrEqual(150);
    const same = await page.evaluate(
      (element) => element === document.querySelector('figure[aria-label="CPU and memory of web-1"] canvas'),
      canvas,
    );
    expect(same).toBe(true);
    expect(await paintedShare(page, 'CPU and memory of web-1')).toBeGreaterThan(0.02);
    expect(errors).toEqual([]);
  });

  it('hides a series from its legend button, and the range picker moves with the arrow keys', async () => {
    const memory = page.locator('ul[aria-label="CPU and memory of web-1 legend"] button').nth(1);
    await memory.click();
    expect(await memory.getAttribute('aria-pressed')).toBe('false');
    await memory.click();
    await page.locator('fieldset input[type="radio"]:checked').focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.locator('fieldset label[data-checked]').textContent()).toBe('24 h');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('24h');
  });

  it('follows the container width when it resizes', async () => {
    await page.setViewportSize({ width: 420, height: 820 });
    await expect
      .poll(() =>
        page.evaluate(() => {
          const figure = document.querySelector('figure[aria-label="Network of web-1"]');
          const canvas = figure?.querySelector('canvas');
          return canvas && figure
            ? Math.abs(canvas.getBoundingClientRect().width - figure.getBoundingClientRect().width)
            : 999;
        }),
      )
      .toBeLessThan(2);
    await saveScreenshot(page, `chart-${theme}-phone`);
    await page.setViewportSize({ width: 1200, height: 820 });
  });
});
