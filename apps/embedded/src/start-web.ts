import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnv } from '@berth/config';
import { recordChild, stopOrphanChild } from './orphan-child.js';
import type { RunningService } from './start-services.js';

const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

type Options = {
  port: number;
  host: string;
  apiUrl: string;
  publicUrl: string;
  /** The API's address as browsers reach it, for exec terminal sockets. */
  execSocketUrl: string;
  authSecret: string;
  dataDir: string;
  log: (line: string) => void;
};

/** The web console (`next start` of the production build) as a child process. */
export async function startWeb(options: Options): Promise<RunningService | null> {
  if (!existsSync(path.join(WEB_DIR, '.next', 'BUILD_ID'))) {
    options.log('web console: not started (apps/web is not built; `npm start` builds it)');
    return null;
  }
  const next = createRequire(path.join(WEB_DIR, 'package.json')).resolve('next/dist/bin/next');
  const logFile = path.join(options.dataDir, 'web.log');
  const pidFile = path.join(options.dataDir, 'web.pid');
  await stopOrphanChild(pidFile, next, options.log);
  const out = await open(logFile, 'a');
  const child: ChildProcess = spawn(
    process.execPath,
    [next, 'start', '--port', String(options.port), '--hostname', options.host],
    {
      cwd: WEB_DIR,
      stdio: ['ignore', out.fd, out.fd],
      // childEnv passes this process's environment on, TRUST_PROXY included: the console must
      // resolve browser addresses by the same rule as the API and the gateway here.
      env: childEnv({
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        AUTH_SECRET: options.authSecret,
        API_INTERNAL_URL: options.apiUrl,
        BERTH_PUBLIC_URL: options.publicUrl,
        // next-auth otherwise takes its own address from the request, which in a route handler
        // is the address `next start` listens on: with HOST=0.0.0.0 (the default) a sign-in
        // redirected the browser to http://0.0.0.0:3000/. The public URL is where browsers are.
        AUTH_URL: new URL(options.publicUrl).origin,
        EXEC_SOCKET_URL: options.execSocketUrl,
      }),
    },
  );
  await recordChild(pidFile, child.pid);
  let stopping = false;
  child.on('exit', (code) => {
    void out.close();
    if (!stopping) options.log(`web console exited (code ${code}); see ${logFile}`);
  });
  const url = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${options.port}`;
  await waitUntilServing(url, child);
  return {
    name: 'web',
    url,
    async stop() {
      stopping = true;
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      await rm(pidFile, { force: true });
    },
  };
}

async function waitUntilServing(url: string, child: ChildProcess): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 200) {
    if (child.exitCode !== null) throw new Error(`the web console exited with code ${child.exitCode}`);
    const answered = await fetch(`${url}/sign-in`, { redirect: 'manual' }).then(
      () => true,
      () => false,
    );
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the web console did not start within 30 s');
}
