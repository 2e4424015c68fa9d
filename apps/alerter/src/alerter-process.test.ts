import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@berth/db/testing';
import { type Receiver, startReceiver } from '@berth/notify/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_AUTH_SECRET } from './test/alerter-harness.js';
import { fixtures } from './test/fixtures.js';

// The alerter as `npm start` runs it (server.ts, from source): settings from its environment,
// its own timers, no port. And, like the gateway, no Prisma: only the node-postgres doors.
const DIR = fileURLToPath(new URL('../', import.meta.url));
const SRC = path.join(DIR, 'src');
const ALLOWED_DB_ENTRIES = new Set(['@berth/db/sql', '@berth/db/alerting']);
const DB_IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)'(@berth\/db[^']*)'/g;

async function productionSources(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test') files.push(...(await productionSources(full)));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) files.push(full);
  }
  return files;
}

let database: TestDatabase;
let receiver: Receiver;
beforeAll(async () => {
  database = await createTestDatabase();
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.stop();
  await database?.drop();
});

describe('the alerter process', () => {
  it('imports the database through @berth/db/sql and @berth/db/alerting only', async () => {
    const imports: { file: string; specifier: string }[] = [];
    for (const file of await productionSources(SRC)) {
      for (const match of (await readFile(file, 'utf8')).matchAll(DB_IMPORT)) {
        imports.push({ file: path.relative(SRC, file), specifier: match[1] as string });
      }
    }
    expect(imports).toContainEqual({ file: 'app.ts', specifier: '@berth/db/sql' });
    expect(imports.filter((entry) => !ALLOWED_DB_ENTRIES.has(entry.specifier))).toEqual([]);
  });

  it('on its own timers, notices a dead container and notifies a webhook once, then stops cleanly on SIGTERM', async () => {
    const f = fixtures(database);
    const { orgId, hostId } = await f.org();
    const channelId = await f.webhook(orgId, `${receiver.url}/hook`);
    await f.rule(orgId, { kind: 'container_state', params: { event: 'died' }, channelIds: [channelId] });
    await f.container(orgId, hostId, { name: 'job', state: 'exited', exitCode: 1, finishedAt: new Date() });
    const dir = await mkdtemp(path.join(tmpdir(), 'berth-alerter-'));
    const heartbeat = path.join(dir, 'alive');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: DIR,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        DATABASE_URL: database.appUrl,
        AUTH_SECRET: TEST_AUTH_SECRET,
        ALERTER_PASS_INTERVAL_S: '1',
        ALERTER_DELIVERY_INTERVAL_S: '1',
        NOTIFY_ALLOW_PRIVATE_TARGETS: '1',
        ALERTER_HEARTBEAT_FILE: heartbeat,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = once(child, 'exit');
    try {
      await expect.poll(() => receiver.requests.length, { timeout: 30_000 }).toBe(1);
      expect(receiver.last().json().alerts[0].summary).toBe(
        `job on host-${orgId.slice(0, 6)} exited with code 1`,
      );
      expect(output).toContain('alerter running');
      // What the container health checks read: touched by the timers' rounds.
      expect(Date.now() - (await stat(heartbeat)).mtimeMs).toBeLessThan(5_000);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await exited;
    expect(code, output).toBe(0);
    expect(receiver.requests).toHaveLength(1);
    await rm(dir, { recursive: true, force: true });
  });
});
