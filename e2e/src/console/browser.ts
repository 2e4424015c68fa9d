import type { Browser, BrowserContext, Page } from 'playwright-core';

/** A fresh browser profile (its own cookies: one person), allowed to use the clipboard. */
export async function newPerson(
  browser: Browser,
  webUrl: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: webUrl,
    viewport: { width: 1366, height: 860 },
    colorScheme: 'light',
    timezoneId: 'UTC',
    reducedMotion: 'reduce',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: webUrl });
  context.setDefaultTimeout(15_000);
  return { context, page: await context.newPage() };
}

/** Uncaught page errors, collected so a test can assert there were none. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** `fetch` from inside the page (same origin: the console's cookie and its /api/v1 proxy). */
export async function fetchInPage<T>(
  page: Page,
  pathname: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ pathname, method, body }) => {
      const response = await fetch(pathname, {
        method: method ?? 'GET',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
    },
    { pathname, method: init.method, body: init.body },
  );
}
