import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { REPO_ROOT } from '../support/e2e-env.js';

/** Screenshots for people to look at (test-artifacts/ is gitignored). */
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test-artifacts', 'e2e-oidc');

export function chromiumProblem(executablePath: string): string | undefined {
  return existsSync(executablePath) ? undefined : `no Chromium at ${executablePath}`;
}

/**
 * The machine's Chromium (never a downloaded browser), headless. `loopbackNames` resolve to
 * 127.0.0.1 inside this browser only, so a site can be reached by a name as in production.
 */
export function launchChromium(executablePath: string, loopbackNames: string[] = []): Promise<Browser> {
  const rules = loopbackNames.map((name) => `MAP ${name} 127.0.0.1`).join(',');
  return chromium.launch({
    executablePath,
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

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) });
}
