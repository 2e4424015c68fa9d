import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export const APP_DIR = path.join(import.meta.dirname, '..', '..');

/** The e2e tests run the production build (`next build` first; turbo's test task depends on build). */
export function hasBuild(): boolean {
  return existsSync(path.join(APP_DIR, '.next', 'BUILD_ID'));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export type RunningNext = { url: string; output: () => string; stop(): Promise<void> };

/** `next start` on a free port with the given environment; resolves once it answers. */
export async function startNext(env: (url: string) => Record<string, string>): Promise<RunningNext> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const bin = path.join(APP_DIR, 'node_modules', '.bin', 'next');
  const command = existsSync(bin) ? bin : path.join(APP_DIR, '..', '..', 'node_modules', '.bin', 'next');
  let log = '';
  let announce: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    announce = resolve;
  });
  const child: ChildProcess = spawn(command, ['start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: APP_DIR,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', ...env(url) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
    if (log.includes('Ready')) announce();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => reject(new Error(`next start exited (${code}):\n${log}`)));
  });
  // "Ready" is printed once the server accepts connections.
  await Promise.race([ready, exited]);
  return {
    url,
    output: () => log,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        exited.catch(() => resolve());
        child.kill('SIGTERM');
      }),
  };
}
