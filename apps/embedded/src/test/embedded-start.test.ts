import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createDb,
  crossTenantFindUserForSignIn,
  crossTenantUserMemberships,
  verifyPassword,
  withOrg,
} from '@berth/db';
import { dockerAvailability } from '@berth/test-docker';
import { afterAll, describe, expect, it } from 'vitest';

const docker = await dockerAvailability();
const main = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
let dataDir = '';
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  // A launcher killed here leaves its agent child behind; the pid file names it.
  for (const child of ['agent.pid', 'web.pid']) {
    const pid = Number(await readFile(path.join(dataDir, child), 'utf8').catch(() => ''));
    // A pid file may outlive its process (a clean stop removes the child first).
    if (pid > 0) killIfRunning(pid);
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function killIfRunning(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

let gatewayPort = 0;
let apiPort = 0;
let webPort = 0;
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

type Run = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function startBerth(): Run {
  let output = '';
  const child = spawn(process.execPath, [main], {
    env: {
      PATH: process.env.PATH,
      BERTH_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: '0',
      GATEWAY_PORT: String(gatewayPort),
      API_PORT: String(apiPort),
      WEB_PORT: String(webPort),
      BERTH_PUBLIC_URL: `http://127.0.0.1:${webPort}`,
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(run: Run, text: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!run.output().includes(text)) {
    if (run.child.exitCode !== null) throw new Error(`berth exited early:\n${run.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for "${text}":\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('embedded mode', () => {
  it('starts PostgreSQL in a fresh data dir, seeds a working demo login, and stops cleanly on SIGINT', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'berth-embedded-'));
    gatewayPort = await freePort();
    apiPort = await freePort();
    webPort = await freePort();
    const first = startBerth();
    await waitFor(first, 'Berth is ready');
    const ready = await fetch(`http://127.0.0.1:${gatewayPort}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
    const signIn = await fetch(`http://127.0.0.1:${apiPort}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'admin@berth.local',
        password: /password:\s+(\S+)\s+\(shown once/.exec(first.output())?.[1],
      }),
    });
    expect(signIn.status).toBe(200);
    // The console serves its sign-in page (the web app is built before these tests run).
    const page = await fetch(`http://127.0.0.1:${webPort}/sign-in`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Berth');
    const password = /password:\s+(\S+)\s+\(shown once/.exec(first.output())?.[1];
    expect(password).toBeDefined();
    const state = JSON.parse(await readFile(path.join(dataDir, 'ready.json'), 'utf8'));
    const db = createDb(state.databaseUrl, { max: 1 });
    try {
      const user = await crossTenantFindUserForSignIn(db, 'admin@berth.local');
      expect(user?.passwordHash && password && (await verifyPassword(user.passwordHash, password))).toBe(
        true,
      );
      const memberships = await crossTenantUserMemberships(db, user?.userId ?? '');
      if (docker.ok) {
        // The local agent enrolled itself in the demo organisation and said hello.
        await expect
          .poll(() => withOrg(db, state.orgId, (tx) => tx.host.count({ where: { status: 'online' } })), {
            timeout: 30_000,
          })
          .toBe(1);
      }
      expect(memberships).toEqual([
        expect.objectContaining({ orgId: state.orgId, orgName: 'Demo', role: 'owner' }),
      ]);
    } finally {
      await db.$disconnect();
    }
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('[berth] stopped');

    // Second run: same data, no new password shown, no re-initialisation.
    const second = startBerth();
    await waitFor(second, 'Berth is ready');
    expect(second.output()).not.toContain('initialising PostgreSQL');
    expect(second.output()).toContain('the one printed on the first run');
    expect(second.output()).toMatch(/database is up to date/);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('recovers when the previous run was killed with SIGKILL', async () => {
    const crashed = startBerth();
    await waitFor(crashed, 'Berth is ready');
    crashed.child.kill('SIGKILL');
    await crashed.exited;
    const next = startBerth();
    await waitFor(next, 'Berth is ready');
    next.child.kill('SIGINT');
    expect(await next.exited).toBe(0);
  });

  it('exits with code 2 naming the variable when the environment is wrong', async () => {
    const child = spawn(process.execPath, [main], {
      env: { PATH: process.env.PATH, BERTH_DATA_DIR: dataDir, REDIS_URL: 'not a url' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('REDIS_URL');
  });
});
