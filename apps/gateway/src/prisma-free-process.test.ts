import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, seedEnrolmentToken, seedOrg, type TestDatabase } from '@berth/db/testing';
import { makeHelloFrame } from '@berth/protocol/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerQuery } from './test/db-counts.js';
import { FakeAgent } from './test/fake-agent.js';

// The gateway keeps Prisma out of its process (its idle memory would be mostly Prisma's): it
// reaches the database through `@berth/db/sql` only. Checked twice: the source's imports, and
// a real gateway process (server.ts, as `npm start` runs it, but from source) that enrols a
// host, takes its hello and sees it go, with every module it loads recorded.

const GATEWAY_DIR = fileURLToPath(new URL('../', import.meta.url));
const SRC = path.join(GATEWAY_DIR, 'src');
const ALLOWED_DB_ENTRIES = new Set(['@berth/db/sql', '@berth/db/ingest']);
const DB_IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)'(@berth\/db[^']*)'/g;
const PRISMA_OR_ARGON2 = /@prisma\/|\/generated\/prisma\/|\/\.prisma\/|@node-rs\/argon2/;

async function productionSources(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test') files.push(...(await productionSources(full)));
    } else if (/\.ts$/.test(entry.name) && !entry.name.endsWith('.test.ts')) files.push(full);
  }
  return files;
}

describe('the gateway without Prisma', () => {
  it('imports the database through @berth/db/sql (and the ingest statements) only', async () => {
    const imports: { file: string; specifier: string }[] = [];
    for (const file of await productionSources(SRC)) {
      for (const match of (await readFile(file, 'utf8')).matchAll(DB_IMPORT)) {
        imports.push({ file: path.relative(SRC, file), specifier: match[1] as string });
      }
    }
    // Found the gateway's imports: a wrong directory or pattern would pass vacuously.
    expect(imports).toContainEqual({ file: 'app.ts', specifier: '@berth/db/sql' });
    expect(imports.filter((entry) => !ALLOWED_DB_ENTRIES.has(entry.specifier))).toEqual([]);
  });

  describe('a gateway process', () => {
    let database: TestDatabase;
    let logDir: string;
    beforeAll(async () => {
      database = await createTestDatabase();
      logDir = await mkdtemp(path.join(tmpdir(), 'berth-gateway-modules-'));
    });
    afterAll(async () => {
      await database?.drop();
      if (logDir) await rm(logDir, { recursive: true, force: true });
    });

    it('never loads the Prisma client (nor argon2) while it enrols a host, takes its hello and sees it go', async () => {
      const moduleLog = path.join(logDir, 'modules.log');
      const port = await freePort();
      const gateway = spawn(
        process.execPath,
        ['--import', 'tsx', '--import', './src/test/record-modules.mjs', 'src/server.ts'],
        {
          cwd: GATEWAY_DIR,
          env: {
            PATH: process.env.PATH,
            NODE_ENV: 'test',
            LOG_LEVEL: 'info',
            DATABASE_URL: database.appUrl,
            AUTH_SECRET: 'prisma-free-process-test-secret-0123456789',
            HOST: '127.0.0.1',
            GATEWAY_PORT: String(port),
            BERTH_MODULE_LOG: moduleLog,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const exited = once(gateway, 'exit');
      try {
        await logged(gateway, 'gateway listening');
        const httpUrl = `http://127.0.0.1:${port}`;
        const org = await seedOrg(database.db);
        const enrolmentSecret = await seedEnrolmentToken(database.db, org.orgId, 'fleet');
        const enrolled = await fetch(`${httpUrl}/agent/v1/enrol`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token: enrolmentSecret, host: makeHelloFrame().host }),
        });
        expect(enrolled.status).toBe(201);
        const { hostId, credential } = (await enrolled.json()) as { hostId: string; credential: string };
        const agent = await FakeAgent.connect(`ws://127.0.0.1:${port}/agent/v1`, credential);
        expect((await agent.hello()).hostId).toBe(hostId);
        await agent.close();
        await expect
          .poll(async () => {
            const [row] = await ownerQuery<{ status: string }>(
              database.adminUrl,
              'SELECT status FROM hosts WHERE id = $1',
              [hostId],
            );
            return row?.status;
          })
          .toBe('offline');
      } finally {
        gateway.kill('SIGTERM');
      }
      const [code] = await exited;
      expect(code).toBe(0);

      const modules = (await readFile(moduleLog, 'utf8')).split('\n').filter(Boolean);
      // Both records were written: the ESM resolutions and, at exit, the CommonJS cache.
      expect(modules.some((module) => module.endsWith('/packages/db/dist/sql.js'))).toBe(true);
      expect(modules.some((module) => /\/node_modules\/pg-pool\/index\.js$/.test(module))).toBe(true);
      expect(modules.filter((module) => PRISMA_OR_ARGON2.test(module))).toEqual([]);
    });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Resolves at the first log record with `msg`; rejects if the process exits before it. */
function logged(child: ChildProcess, msg: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let pending = '';
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      if (lines.some((line) => line.startsWith('{') && (JSON.parse(line) as { msg?: string }).msg === msg)) {
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`gateway exited (${code}) before "${msg}":\n${output}`)));
  });
}
