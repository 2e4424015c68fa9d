import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './e2e-env.js';

export type ConsoleEnv = {
  /** Debian's Chromium (CHROMIUM_PATH); never a downloaded browser. */
  chromiumPath: string;
  /** The console's production build (BERTH_WEB_DIST_DIR, relative to apps/web; default `.next`). */
  webDistDir: string;
};

/**
 * The browser tests' two settings (console flows, single sign-on). Both are the names apps/web
 * already uses, so a developer who built into `.next-e2e` (BERTH_WEB_DIST_DIR) runs these tests
 * against that build.
 */
// biome-ignore lint/style/noProcessEnv: the browser tests' single configuration module reads the environment here.
export function readConsoleEnv(env: NodeJS.ProcessEnv = process.env): ConsoleEnv {
  return {
    chromiumPath: env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium',
    webDistDir: env.BERTH_WEB_DIST_DIR?.trim() || '.next',
  };
}

export const WEB_DIR = path.join(REPO_ROOT, 'apps/web');
export const API_SERVER = path.join(REPO_ROOT, 'apps/api/dist/server.js');
export const AGENT_BUNDLE = path.join(REPO_ROOT, 'apps/agent/dist/berth-agent.mjs');
/** Screenshots for people to look at (gitignored), one folder per suite. */
export function artifactsDir(suite: string): string {
  return path.join(REPO_ROOT, 'test-artifacts', suite);
}

/** Why the console's browser tests cannot run here (no Chromium or no console build), if so. */
export function browserTestProblem(): string | undefined {
  const env = readConsoleEnv();
  if (!existsSync(env.chromiumPath)) return `no Chromium at ${env.chromiumPath}`;
  const buildId = path.join(WEB_DIR, env.webDistDir, 'BUILD_ID');
  if (!existsSync(buildId)) return `no console build (${buildId}): npm run build -w @berth/web`;
  return undefined;
}
