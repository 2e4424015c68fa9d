import path from 'node:path';
import { readConsoleEnv, WEB_DIR } from './console-env.js';
import { REPO_ROOT } from './e2e-env.js';
import { ManagedProcess } from './managed-process.js';

const NEXT_BIN = path.join(REPO_ROOT, 'node_modules/next/dist/bin/next');

export type ConsoleOptions = {
  port: number;
  logFile: string;
  /** The console's own variables (AUTH_SECRET, API_INTERNAL_URL, BERTH_PUBLIC_URL, OIDC_*…) plus PATH/HOME. */
  env: Record<string, string>;
};

/** The production console (`next start apps/web`, BERTH_WEB_DIST_DIR) in its own process group; resolves once ready. */
export async function startConsole(options: ConsoleOptions): Promise<ManagedProcess> {
  const web = new ManagedProcess(
    'console',
    NEXT_BIN,
    ['start', WEB_DIR, '--port', String(options.port), '--hostname', '127.0.0.1'],
    {
      ...options.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      BERTH_WEB_DIST_DIR: readConsoleEnv().webDistDir,
    },
    options.logFile,
  );
  // Next prints "✓ Ready in …" once it accepts connections.
  await web.waitForLine((line) => line.text.includes('Ready'), {
    what: 'next start ready',
    timeoutMs: 30_000,
  });
  return web;
}
