import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { findFreePort } from '../shared/find-free-port.js';
import { repoPath } from '../shared/repo-path.js';
import { exited, spawnTracked } from '../shared/track-children.js';

/** The bench's own Next output folder (next.config.ts reads BERTH_WEB_DIST_DIR). */
export const DIST_DIR = '.next-bench';
const WEB_DIR = repoPath('apps/web');
const NEXT_BIN = repoPath('node_modules/.bin/next');

export type Server = { url: string; stop(): Promise<void> };

export function hasWebBuild(): boolean {
  return existsSync(path.join(WEB_DIR, DIST_DIR, 'BUILD_ID'));
}

/** `next build` of the console into its own folder, so other builds are not disturbed. */
export async function buildWeb(): Promise<number> {
  const started = performance.now();
  const child = spawnTracked(NEXT_BIN, ['build'], {
    cwd: WEB_DIR,
    env: {
      ...process.env,
      BERTH_WEB_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const code = await exited(child);
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  return performance.now() - started;
}

async function waitForHttp(
  url: string,
  child: ChildProcess,
  name: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}) before answering`);
    try {
      await fetch(url, { redirect: 'manual' });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`${name} did not answer ${url} within ${timeoutMs} ms`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await Promise.race([exited(child), new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
}

export type ServerEnv = { appUrl: string; adminUrl: string; authSecret: string };

/** The API (apps/api/dist/server.js) on a free port, in-process bus, warn-level logs. */
export async function startApi(env: ServerEnv, webUrl: string): Promise<Server> {
  const port = await findFreePort();
  const child = spawnTracked(process.execPath, [repoPath('apps/api/dist/server.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: env.appUrl,
      DATABASE_ADMIN_URL: env.adminUrl,
      AUTH_SECRET: env.authSecret,
      API_PORT: String(port),
      HOST: '127.0.0.1',
      BERTH_PUBLIC_URL: webUrl,
      REDIS_URL: '',
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/api/v1/openapi.json`, child, 'the API');
  return { url, stop: stopper(child) };
}

/** `next start` of the bench build against the API. */
export async function startWeb(port: number, apiUrl: string, authSecret: string): Promise<Server> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawnTracked(NEXT_BIN, ['start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: WEB_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      BERTH_WEB_DIST_DIR: DIST_DIR,
      AUTH_SECRET: authSecret,
      API_INTERNAL_URL: apiUrl,
      BERTH_PUBLIC_URL: url,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForHttp(`${url}/sign-in`, child, 'next start');
  return { url, stop: stopper(child) };
}
