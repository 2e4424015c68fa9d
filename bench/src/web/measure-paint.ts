/// <reference lib="dom" />
// These functions run inside the page (Playwright serialises them), hence the DOM types.
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

type StorageState = Exclude<BrowserContextOptions['storageState'], string | undefined>;

declare global {
  interface Window {
    __berthPaint?: { fcp: number | null; lcp: number | null; lcpElement: string | null };
  }
}

/** Recorded from the first byte of the document: paint entries are buffered, so nothing is missed. */
function observePaint(): void {
  const paint = { fcp: null as number | null, lcp: null as number | null, lcpElement: null as string | null };
  window.__berthPaint = paint;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (entry.name === 'first-contentful-paint') paint.fcp = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    const entries = list.getEntries() as (PerformanceEntry & { element?: Element | null })[];
    const last = entries[entries.length - 1];
    if (!last) return;
    paint.lcp = last.startTime;
    const element = last.element;
    paint.lcpElement = element
      ? `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(' ')[0]}` : ''}`
      : null;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
}

export type PaintResult = {
  /** Navigation start to the first byte of the document (server time plus loopback). */
  ttfb: number;
  fcp: number;
  lcp: number;
  lcpElement: string | null;
  readyMs: number;
};

/**
 * One cold visit (a new browser context: empty cache, the session cookie only): navigates,
 * waits for `ready` (the page's main content), lets two frames pass, reads FCP and LCP.
 */
export async function measurePaint(
  browser: Browser,
  storageState: StorageState,
  url: string,
  ready: (page: Page) => Promise<unknown>,
): Promise<PaintResult> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, storageState });
  try {
    const page = await context.newPage();
    await page.addInitScript(observePaint);
    const started = Date.now();
    const response = await page.goto(url, { waitUntil: 'commit' });
    if (!response || response.status() >= 400) {
      if (response?.status() !== 404) throw new Error(`${url} answered ${response?.status()}`);
    }
    await ready(page);
    const readyMs = Date.now() - started;
    // Observers report asynchronously: wait for the paint entry, then one more frame for LCP.
    await page.waitForFunction('window.__berthPaint && window.__berthPaint.fcp !== null', undefined, {
      timeout: 10_000,
    });
    await page.evaluate(
      'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))',
    );
    const paint = await page.evaluate(() => window.__berthPaint);
    const ttfb = Number(
      await page.evaluate("performance.getEntriesByType('navigation')[0]?.responseStart ?? NaN"),
    );
    if (!paint || paint.fcp === null) throw new Error(`${url}: no first-contentful-paint entry`);
    return { ttfb, fcp: paint.fcp, lcp: paint.lcp ?? paint.fcp, lcpElement: paint.lcpElement, readyMs };
  } finally {
    await context.close();
  }
}
