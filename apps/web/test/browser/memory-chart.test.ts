import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { collectPageErrors, launchChromium, saveScreenshot } from './chromium';
import { routeSilentStream } from './stub-network';

/** Share of the chart canvas's pixels that are painted (line, its fill, grid). */
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

describe('container memory chart', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 1 });
    errors = collectPageErrors(page);
    await routeSilentStream(page);
    await page.goto(`${inject('harnessUrl')}/?page=memory`);
    await page.waitForSelector('figure[aria-label="Memory of tight-1"] canvas');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('draws usage far under its limit filling the plot, and names the limit in the caption', async () => {
    const charts = page.getByRole('region', { name: 'Charts of tiny-1' });
    expect(await charts.getByText('limit 23.5 GiB').count()).toBe(1);
    expect(await legend(page, 'Memory of tiny-1')).toEqual(['Used776 KiB']);
    // Scaled to the 23.5 GiB limit, 776 KiB would be a line on the baseline (6 % of the canvas painted);
    // scaled to usage, its fill covers most of the plot.
    await expect.poll(() => paintedShare(page, 'Memory of tiny-1')).toBeGreaterThan(0.3);
    await saveScreenshot(page, 'memory-chart-far-limit');
    expect(errors).toEqual([]);
  });

  it('draws a limit near usage as a line, without a caption', async () => {
    const charts = page.getByRole('region', { name: 'Charts of tight-1' });
    expect(await charts.getByText(/^limit /).count()).toBe(0);
    expect(await legend(page, 'Memory of tight-1')).toEqual(['Used400 MiB', 'Limit512 MiB']);
    expect(errors).toEqual([]);
  });
});
