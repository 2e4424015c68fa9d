import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processesMentioning } from './harness/processes.js';
import { AGENT_EXECUTABLE, HOST_TARGET } from './harness/repo-paths.js';
import { fetchInstallScript, runInstall } from './harness/run-install.js';
import { type Berth, startBerth } from './harness/start-berth.js';
import { waitFor } from './harness/wait-for.js';

const INTERVAL_S = 1;

let berth: Berth;
let work: string;
let script: string;
/** No Node.js on PATH: the native agent is one executable (install-no-node.test.ts: no Node.js at all). */
const install = (args: string[]) => runInstall(script, args, { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' });
const agentPath = () => join(work, 'root', 'opt/berth-agent/berth-agent');

beforeAll(async () => {
  berth = await startBerth({ intervalS: INTERVAL_S });
  work = await mkdtemp(join(tmpdir(), 'berth-native-'));
  script = join(work, 'install.sh');
  await writeFile(script, await fetchInstallScript(berth.apiUrl));
});

afterAll(async () => {
  // Whatever a failed test left running under the prefix.
  for (const { pid } of processesMentioning(`${work}/`)) process.kill(pid, 'SIGKILL');
  await berth?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

/** Every file install.sh wrote under `dir`, with sha256 and mtime: "changes nothing" compares two. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    // The running agent's own files change on their own (its log, spool and collector state
    // every interval): only what install.sh writes must stay the same.
    if (path.endsWith('.log') || path.includes('/spool/') || path.endsWith('/collectors.json')) continue;
    const info = await stat(path);
    const sha = createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
    out[path] = `${sha} ${info.mtimeMs} ${(info.mode & 0o777).toString(8)}`;
  }
  return out;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => !entry.isDirectory()).map((entry) => join(entry.parentPath, entry.name));
}

describe('install.sh --mode native (supervised, no systemd)', () => {
  const prefix = () => join(work, 'root');
  const installArgs = (token: string) => [
    '--token',
    token,
    '--mode',
    'native',
    '--prefix',
    prefix(),
    '--interval',
    String(INTERVAL_S),
  ];

  it('downloads and verifies the executable for this host, enrols, starts the agent, and the host reports within two intervals', async () => {
    const token = await berth.enrolmentToken();
    const run = await install(installArgs(token));
    expect(run.code, run.output).toBe(0);
    expect(run.stdout).toContain(`this host is ${HOST_TARGET}`);
    expect(run.stdout).toContain(`/agent/berth-agent-${HOST_TARGET}`);
    expect(run.stdout).toContain('sha256 verified');
    expect(run.stdout).toContain('Berth agent installed and running');
    const startedAt = Date.now();

    const credentials = JSON.parse(
      await readFile(join(prefix(), 'var/lib/berth-agent/credentials.json'), 'utf8'),
    );
    expect(credentials).toMatchObject({ server: berth.gatewayUrl });
    expect((await stat(join(prefix(), 'var/lib/berth-agent/credentials.json'))).mode & 0o777).toBe(0o600);
    const installed = await readFile(agentPath());
    expect(installed.equals(await readFile(AGENT_EXECUTABLE))).toBe(true);

    // "agent started" is logged once connected work begins; the first batch follows within an interval.
    const host = await waitFor(
      'the enrolled host to report a batch',
      async () => (await berth.enrolledHosts()).find((row) => row.lastSeq >= 1n),
      { timeoutMs: 2 * INTERVAL_S * 1000 + 3000, everyMs: 100 },
    );
    expect(host.id).toBe(credentials.hostId);
    expect(host.status).toBe('online');
    expect(Date.now() - startedAt).toBeLessThan(2 * INTERVAL_S * 1000 + 3000);
    const agents = processesMentioning(`${agentPath()} `);
    expect(agents).toHaveLength(1);
    // The executable itself is the process: no interpreter in front of it.
    expect(agents[0]?.cmdline.startsWith(`${agentPath()} --state-dir `), agents[0]?.cmdline).toBe(true);
  });

  it('running it again changes nothing: same files, same processes, token not used again', async () => {
    const before = await snapshot(prefix());
    const pidsBefore = processesMentioning(`${prefix()}/`)
      .map((p) => p.pid)
      .sort();
    const hostsBefore = await berth.enrolledHosts();
    // A token that would fail if it were used: the stored credential must be used instead.
    const run = await install(installArgs('berth_enrol_this_token_is_not_valid_at_all'));
    expect(run.code, run.output).toBe(0);
    expect(run.stdout).toContain('already installed, up to date');
    expect(await snapshot(prefix())).toEqual(before);
    expect(
      processesMentioning(`${prefix()}/`)
        .map((p) => p.pid)
        .sort(),
    ).toEqual(pidsBefore);
    expect((await berth.enrolledHosts()).map((h) => h.id)).toEqual(hostsBefore.map((h) => h.id));
  });

  it('restarts the agent when the supervisor sees it die, with the same credential', async () => {
    const [agent] = processesMentioning(`${agentPath()} `);
    if (!agent) throw new Error('no agent process');
    const seqBefore = (await berth.enrolledHosts())[0]?.lastSeq ?? 0n;
    process.kill(agent.pid, 'SIGKILL');
    const next = await waitFor('a new agent process', () =>
      processesMentioning(`${agentPath()} `).find((p) => p.pid !== agent.pid),
    );
    expect(next.pid).not.toBe(agent.pid);
    await waitFor('batches from the restarted agent', async () =>
      (await berth.enrolledHosts()).find((row) => row.lastSeq > seqBefore + 1n),
    );
    expect(await berth.enrolledHosts()).toHaveLength(1);
  });

  it('--uninstall stops the agent and leaves no file and no process behind', async () => {
    const run = await install(['--uninstall', '--mode', 'native', '--prefix', prefix()]);
    expect(run.code, run.output).toBe(0);
    expect(run.stdout).toContain('stopped the agent and its supervisor');
    expect(run.stdout).toContain("(the host's credential and unsent data)");
    expect(run.stdout).toContain('Berth agent removed');
    expect(await filesUnder(prefix())).toEqual([]);
    expect(processesMentioning(`${prefix()}/`)).toEqual([]);

    const again = await install(['--uninstall', '--mode', 'native', '--prefix', prefix()]);
    expect(again.code, again.output).toBe(0);
    expect(again.stdout).toContain('Nothing to remove');
  });

  it('refuses an executable whose checksum does not match, and installs nothing', async () => {
    const fake = join(work, 'fake-download');
    const { createServer } = await import('node:http');
    const server = createServer((request, response) => {
      const name = `berth-agent-${HOST_TARGET}`;
      if (request.url === `/agent/${name}.sha256`) response.end(`${'0'.repeat(64)}  ${name}\n`);
      else if (request.url === `/agent/${name}`) response.end('#!/bin/sh\necho tampered\n');
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    try {
      const token = await berth.enrolmentToken();
      const run = await install([
        ...installArgs(token).map((arg) => (arg === prefix() ? fake : arg)),
        '--download-url',
        `http://127.0.0.1:${address.port}`,
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('checksum mismatch for the downloaded agent');
      expect(run.stderr).toContain('nothing was installed');
    } finally {
      server.close();
    }
    expect(processesMentioning(`${fake}/`)).toEqual([]);
    expect(await filesUnder(fake).catch(() => [])).toEqual([]);
  });
});
