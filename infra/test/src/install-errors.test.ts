import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './harness/free-port.js';
import { fetchInstallScript, runInstall } from './harness/run-install.js';
import { type Berth, startBerth } from './harness/start-berth.js';

let berth: Berth;
let work: string;
let script: string;

beforeAll(async () => {
  berth = await startBerth({ intervalS: 1 });
  work = await mkdtemp(join(tmpdir(), 'berth-install-errors-'));
  script = join(work, 'install.sh');
  await writeFile(script, await fetchInstallScript(berth.apiUrl));
});

afterAll(async () => {
  await berth?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

let cases = 0;
/** A fresh prefix per case; a failed install must leave it empty. */
async function nativeInstall(token: string, extra: string[] = [], env: Record<string, string> = {}) {
  const prefix = join(work, `case-${++cases}`);
  const run = await runInstall(
    script,
    ['--token', token, '--mode', 'native', '--prefix', prefix, ...extra],
    env,
  );
  const left = await readdir(prefix, { recursive: true }).catch(() => []);
  return { ...run, left };
}

/** A PATH with every command of this machine except `names`, and `extra` scripts. */
async function pathWithout(names: string[], extra: Record<string, string> = {}): Promise<string> {
  const bin = join(work, `bin-${++cases}`);
  await mkdir(bin);
  for (const dir of ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']) {
    for (const name of await readdir(dir).catch(() => [])) {
      if (names.includes(name)) continue;
      await symlink(join(dir, name), join(bin, name)).catch(() => undefined); // first one wins
    }
  }
  for (const [name, text] of Object.entries(extra)) await writeFile(join(bin, name), text, { mode: 0o755 });
  return bin;
}

describe('install.sh reports each failure with its reason and installs nothing', () => {
  it('an unknown token: the API message (401)', async () => {
    const run = await nativeInstall('berth_enrol_unknownunknownunknownunknown');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'berth-install: error: the server refused the enrolment (HTTP 401, unauthorised): enrolment token not recognised',
    );
    expect(run.left).toEqual([]);
  });

  it('an expired token: the API message (410)', async () => {
    const token = await berth.enrolmentToken({ expiresAt: new Date(Date.now() - 60_000) });
    const run = await nativeInstall(token);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      '(HTTP 410, gone): enrolment token expired: create a new one in Settings → Enrolment',
    );
    expect(run.left).toEqual([]);
  });

  it('a used-up token: the API message (410)', async () => {
    const token = await berth.enrolmentToken({ maxUses: 1 });
    const first = await fetch(`${berth.gatewayUrl}/agent/v1/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token,
        host: {
          hostname: 'other',
          os: '',
          kernel: '',
          arch: 'x86_64',
          cpus: 1,
          memTotal: 1,
          dockerVersion: null,
        },
      }),
    });
    expect(first.status).toBe(201);
    const run = await nativeInstall(token);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      '(HTTP 410, gone): enrolment token has been used its maximum number of times',
    );
    expect(run.left).toEqual([]);
  });

  it('a token that is not an enrolment token at all', async () => {
    const run = await nativeInstall('hunter2');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--token does not look like an enrolment token');
  });

  it('an unreachable server: what curl could not do, in words', async () => {
    const closed = await freePort();
    const token = await berth.enrolmentToken();
    const refused = await nativeInstall(token, ['--server', `http://127.0.0.1:${closed}`]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`cannot connect to http://127.0.0.1:${closed}/agent/v1/enrol`);
    expect(refused.left).toEqual([]);
    const unknown = await nativeInstall(token, ['--server', 'http://berth.invalid']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('cannot resolve the host name of http://berth.invalid/agent/v1/enrol');
    const noDownload = await nativeInstall(token, ['--download-url', `http://127.0.0.1:${closed}`]);
    expect(noDownload.stderr).toContain(
      `cannot connect to http://127.0.0.1:${closed}/agent/berth-agent-linux-x64-gnu.sha256`,
    );
  });

  it('native mode on an architecture or C library no executable is built for', async () => {
    const token = await berth.enrolmentToken();
    const uname = (machine: string) => `#!/bin/sh\ncase $1 in -m) echo ${machine} ;; *) echo Linux ;; esac\n`;
    const riscv = await nativeInstall(token, [], {
      PATH: await pathWithout(['uname'], { uname: uname('riscv64') }),
    });
    expect(riscv.code).toBe(1);
    expect(riscv.stderr).toContain(
      'the native agent is built for x86_64 and aarch64; this host is riscv64: use --mode docker',
    );
    expect(riscv.left).toEqual([]);
    // This x86_64 machine has no aarch64 loader of either C library.
    const arm = await nativeInstall(token, [], {
      PATH: await pathWithout(['uname'], { uname: uname('aarch64') }),
    });
    expect(arm.code).toBe(1);
    expect(arm.stderr).toContain(
      "found neither glibc's loader (/lib/ld-linux-aarch64.so.1) nor musl's (/lib/ld-musl-aarch64.so.1)",
    );
    expect(arm.left).toEqual([]);
  });

  it('docker mode with no Docker engine, and with no docker command', async () => {
    const token = await berth.enrolmentToken();
    const down = await runInstall(script, ['--token', token, '--mode', 'docker'], {
      DOCKER_HOST: `unix://${work}/no-such-docker.sock`,
    });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain(`no Docker engine answers at unix://${work}/no-such-docker.sock`);
    const noCli = await runInstall(script, ['--token', token, '--mode', 'docker'], {
      PATH: await pathWithout(['docker']),
    });
    expect(noCli.code).toBe(1);
    expect(noCli.stderr).toContain('--mode docker needs Docker, but the docker command is not installed');
  });

  it('without a mode and without a usable engine, it chooses native and says why', async () => {
    const token = await berth.enrolmentToken({ expiresAt: new Date(Date.now() - 1000) });
    const bare = await runInstall(script, ['--token', token, '--prefix', join(work, 'bare')], {
      DOCKER_HOST: `unix://${work}/no-such-docker.sock`,
    });
    expect(bare.code).toBe(1);
    expect(bare.stdout).toContain('no usable Docker engine');
    expect(bare.stdout).toContain('installing in native mode');
    expect(bare.stderr).toContain('enrolment token expired');
  });

  it('bad options name themselves', async () => {
    for (const [args, message] of [
      [['--mode', 'podman'], "--mode must be docker or native (got 'podman')"],
      [['--interval', 'soon'], "--interval must be a whole number of seconds (got 'soon')"],
      [['--state-dir', 'relative/dir'], '--state-dir must be an absolute path'],
      [['--server', 'ftp://x'], '--server must be an http:// or https:// URL'],
      [['--token'], '--token needs a value'],
      [['--frobnicate'], 'unknown option: --frobnicate'],
    ] as const) {
      const run = await runInstall(script, args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toContain(message);
    }
  });
});
