import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { replaceBundle } from './replace-bundle.js';

/** A stand-in bundle: a real ES module that answers --version like the agent does. */
const bundleOf = (version: string) =>
  `import { stdout } from 'node:process';\nstdout.write(${JSON.stringify(`berth-agent ${version}\n`)});\n`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let dir = '';
let server: Server;
let baseUrl = '';
const served = { bundle: bundleOf('0.2.0'), checksum: sha256(bundleOf('0.2.0')) };
const OLD = bundleOf('0.1.0');
let bundlePath = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-bundle-'));
  server = createServer((request, response) => {
    if (request.url === '/agent/berth-agent.mjs') return void response.end(served.bundle);
    if (request.url === '/agent/berth-agent.mjs.sha256')
      return void response.end(`${served.checksum}  berth-agent.mjs\n`);
    response.statusCode = 404;
    response.end('{"error":{"code":"not_found","message":"no bundle here"}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  bundlePath = path.join(dir, `install-${Math.random().toString(36).slice(2)}`, 'berth-agent.mjs');
  await mkdir(path.dirname(bundlePath));
  await writeFile(bundlePath, OLD, { mode: 0o755 });
  served.bundle = bundleOf('0.2.0');
  served.checksum = sha256(served.bundle);
});

const files = async () => (await readdir(path.dirname(bundlePath))).sort();

describe('replaceBundle', () => {
  it('replaces the bundle with the verified download and keeps the old one as .prev', async () => {
    const { previousPath } = await replaceBundle({ bundlePath, baseUrl, expectedVersion: '0.2.0' });
    expect(await readFile(bundlePath, 'utf8')).toBe(bundleOf('0.2.0'));
    expect(await readFile(previousPath, 'utf8')).toBe(OLD);
    expect(await files()).toEqual(['berth-agent.mjs', 'berth-agent.mjs.prev']);
  });

  it('replaces nothing when the download does not match the checksum', async () => {
    served.bundle = `${bundleOf('0.2.0')}// altered on the way\n`;
    await expect(replaceBundle({ bundlePath, baseUrl, expectedVersion: '0.2.0' })).rejects.toThrow(
      `checksum mismatch for ${baseUrl}/agent/berth-agent.mjs (expected ${served.checksum}, got ${sha256(served.bundle)}): nothing was replaced`,
    );
    expect(await readFile(bundlePath, 'utf8')).toBe(OLD);
    expect(await files()).toEqual(['berth-agent.mjs']);
  });

  it('replaces nothing when the new bundle is another version than announced, or does not start', async () => {
    await expect(replaceBundle({ bundlePath, baseUrl, expectedVersion: '0.3.0' })).rejects.toThrow(
      'the downloaded agent reports "berth-agent 0.2.0", not "berth-agent 0.3.0": nothing was replaced',
    );
    served.bundle = 'import "node:process";\nthrow new Error("broken build");\n';
    served.checksum = sha256(served.bundle);
    await expect(replaceBundle({ bundlePath, baseUrl, expectedVersion: '0.2.0' })).rejects.toThrow(
      /^the downloaded agent does not start: .*broken build/s,
    );
    expect(await readFile(bundlePath, 'utf8')).toBe(OLD);
    expect(await files()).toEqual(['berth-agent.mjs']);
  });

  it('reports the server answer when there is no bundle to download', async () => {
    await expect(
      replaceBundle({ bundlePath, baseUrl: `${baseUrl}/elsewhere`, expectedVersion: '0.2.0' }),
    ).rejects.toThrow(
      /^downloading .*\/elsewhere\/agent\/berth-agent\.mjs\.sha256 failed \(HTTP 404\): .*no bundle here/,
    );
    expect(await files()).toEqual(['berth-agent.mjs']);
  });
});
