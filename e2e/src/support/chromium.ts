import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { readConsoleEnv } from './console-env.js';

/**
 * The machine's Chromium (never a downloaded browser), headless. `loopbackNames` resolve to
 * 127.0.0.1 inside this browser only, so a site can be reached by a name as in production.
 */
export function launchChromium(loopbackNames: string[] = []): Promise<Browser> {
  const rules = loopbackNames.map((name) => `MAP ${name} 127.0.0.1`).join(',');
  return chromium.launch({
    executablePath: readConsoleEnv().chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      ...(rules ? [`--host-resolver-rules=${rules}`] : []),
    ],
  });
}

/** Saves a full-page screenshot as `<folder>/<name>.png`, for people to look at. */
export async function saveScreenshot(page: Page, folder: string, name: string): Promise<string> {
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
