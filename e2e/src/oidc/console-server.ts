import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from '../support/e2e-env.js';
import { ManagedProcess } from '../support/managed-process.js';

export const WEB_DIR = path.join(REPO_ROOT, 'apps', 'web');

/** Where `next build` put the console: `.next`, or BERTH_WEB_DIST_DIR for a parallel build. */
export function webBuildProblem(distDir: string): string | undefined {
  const buildId = path.join(WEB_DIR, distDir, 'BUILD_ID');
  return existsSync(buildId)
    ? undefined
    : `no console build at apps/web/${distDir} (run \`npm run build -w @berth/web\`)`;
}

export type ConsoleOptions = {
  port: number;
  distDir: string;
  logFile: string;
  /** The console's own variables (AUTH_SECRET, API_INTERNAL_URL, OIDC_*…) plus PATH/HOME. */
  env: Record<string, string>;
};

/** The production console (`next start apps/web`) in its own process group; resolves once it is ready. */
export async function startConsole(options: ConsoleOptions): Promise<ManagedProcess> {
  const nextBin = createRequire(path.join(WEB_DIR, 'package.json')).resolve('next/dist/bin/next');
  const web = new ManagedProcess(
    'console',
    nextBin,
    ['start', WEB_DIR, '-p', String(options.port), '-H', '127.0.0.1'],
    {
      ...options.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      BERTH_WEB_DIST_DIR: options.distDir,
    },
    options.logFile,
  );
  await web.waitForLine((line) => line.text.includes('Ready'), {
    what: 'next start ready',
    timeoutMs: 30_000,
  });
  return web;
}
