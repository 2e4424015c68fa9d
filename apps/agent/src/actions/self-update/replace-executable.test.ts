import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { replaceExecutable } from './replace-executable.js';

/** A stand-in executable: a script that answers --version like the agent does. */
const bundleOf = (version: string) => `#!/bin/sh\necho 'berth-agent ${version}'\n`;
const NAME = 'berth-agent-linux-x64-gnu';
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
    if (request.url === `/agent/${NAME}`) return void response.end(served.bundle);
    if (request.url === `/agent/${NAME}.sha256`) return void response.end(`${served.checksum}  ${NAME}\n`);
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
  bundlePath = path.join(dir, `install-${Math.random().toString(36).slice(2)}`, 'berth-agent');
  await mkdir(path.dirname(bundlePath));
  await writeFile(bundlePath, OLD, { mode: 0o755 });
  served.bundle = bundleOf('0.2.0');
  served.checksum = sha256(served.bundle);
});

const files = async () => (await readdir(path.dirname(bundlePath))).sort();

describe('replaceExecutable', () => {
  it('replaces the executable with the verified download and keeps the old one as .prev', async () => {
    const { previousPath } = await replaceExecutable({
      executablePath: bundlePath,
      name: NAME,
      baseUrl,
      expectedVersion: '0.2.0',
    });
    expect(await readFile(bundlePath, 'utf8')).toBe(bundleOf('0.2.0'));
    expect(await readFile(previousPath, 'utf8')).toBe(OLD);
    expect(await files()).toEqual(['berth-agent', 'berth-agent.prev']);
  });

  it('replaces nothing when the download does not match the checksum', async () => {
    served.bundle = `${bundleOf('0.2.0')}// altered on the way\n`;
    await expect(
      replaceExecutable({ executablePath: bundlePath, name: NAME, baseUrl, expectedVersion: '0.2.0' }),
    ).rejects.toThrow(
      `checksum mismatch for ${baseUrl}/agent/${NAME} (expected ${served.checksum}, got ${sha256(served.bundle)}): nothing was replaced`,
    );
    expect(await readFile(bundlePath, 'utf8')).toBe(OLD);
    expect(await files()).toEqual(['berth-agent']);
  });

  it('replaces nothing when the new executable is another version than announced, or does not start', async () => {
    await expect(
      replaceExecutable({ executablePath: bundlePath, name: NAME, baseUrl, expectedVersion: '0.3.0' }),
    ).rejects.toThrow(
      'the downloaded agent reports "berth-agent 0.2.0", not "berth-agent 0.3.0": nothing was replaced',
    );
    served.bundle = '#!/bin/sh\necho "broken build" >&2\nexit 1\n';
    served.checksum = sha256(served.bundle);
    await expect(
      replaceExecutable({ executablePath: bundlePath, name: NAME, baseUrl, expectedVersion: '0.2.0' }),
    ).rejects.toThrow(/^the downloaded agent does not start: .*broken build/s);
    expect(await readFile(bundlePath, 'utf8')).toBe(OLD);
    expect(await files()).toEqual(['berth-agent']);
  });

  it('reports the server answer when there is no executable to download', async () => {
    await expect(
      replaceExecutable({
        executablePath: bundlePath,
        name: NAME,
        baseUrl: `${baseUrl}/elsewhere`,
        expectedVersion: '0.2.0',
      }),
    ).rejects.toThrow(
      /^downloading .*\/elsewhere\/agent\/berth-agent-linux-x64-gnu\.sha256 failed \(HTTP 404\): .*no bundle here/,
    );
    expect(await files()).toEqual(['berth-agent']);
  });
});
