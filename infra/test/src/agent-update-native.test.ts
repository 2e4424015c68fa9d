import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, finishedAction } from './harness/call-api.js';
import { AGENT_VERSION, buildNextExecutable, NEXT_AGENT_VERSION } from './harness/next-agent.js';
import { processesMentioning } from './harness/processes.js';
import { AGENT_EXECUTABLE, HOST_TARGET } from './harness/repo-paths.js';
import { fetchInstallScript, runInstall } from './harness/run-install.js';
import { type Berth, startBerth } from './harness/start-berth.js';
import { waitFor } from './harness/wait-for.js';

const INTERVAL_S = 1;
/** Carries the API's action to the gateway holding the agent's socket, as in production. */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const OLD_VERSION = AGENT_VERSION;
const NEW_VERSION = NEXT_AGENT_VERSION;

let berth: Berth;
let work: string;
let script: string;
let newExecutable: Buffer;
/** The executable the download server offers (install.sh's --download-url, then the agent's). */
let served: Buffer;
let downloads: Server;
let downloadUrl: string;
let admin: string;
let operator: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'berth-update-'));
  newExecutable = await readFile(buildNextExecutable(join(work, 'next')));
  served = await readFile(AGENT_EXECUTABLE);
  const name = `berth-agent-${HOST_TARGET}`;
  downloads = createServer((request, response) => {
    if (request.url === `/agent/${name}`) return void response.end(served);
    if (request.url === `/agent/${name}.sha256`) {
      return void response.end(`${createHash('sha256').update(served).digest('hex')}  ${name}\n`);
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => downloads.listen(0, '127.0.0.1', resolve));
  downloadUrl = `http://127.0.0.1:${(downloads.address() as AddressInfo).port}`;
  // This Berth's release carries NEW_VERSION: the agent installed below (OLD_VERSION) is outdated.
  berth = await startBerth({ intervalS: INTERVAL_S, agentVersion: NEW_VERSION, redisUrl: REDIS_URL });
  script = join(work, 'install.sh');
  await writeFile(script, await fetchInstallScript(berth.apiUrl));
  admin = await berth.apiToken('admin');
  operator = await berth.apiToken('operator');
});

afterAll(async () => {
  for (const { pid } of processesMentioning(`${work}/`)) process.kill(pid, 'SIGKILL');
  downloads?.close();
  await berth?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

const api = (method: 'GET' | 'POST', path: string, token: string, body?: unknown) =>
  callApi(berth.apiUrl, token, method, path, body);

describe('agent self-update, native mode (install.sh supervisor)', () => {
  const prefix = () => join(work, 'root');
  const executable = () => join(prefix(), 'opt/berth-agent/berth-agent');
  let hostId = '';
  const logTail = async () =>
    (await readFile(join(prefix(), 'var/log/berth-agent.log'), 'utf8').catch(() => ''))
      .split('\n')
      .slice(-30)
      .join('\n');

  it('installs the current executable; the API marks the host outdated', async () => {
    const token = await berth.enrolmentToken();
    const run = await runInstall(script, [
      ...['--token', token, '--mode', 'native', '--prefix', prefix()],
      ...['--interval', String(INTERVAL_S), '--download-url', downloadUrl],
    ]);
    expect(run.code, run.output).toBe(0);
    const host = await waitFor('the host to report', async () =>
      (await berth.enrolledHosts()).find((row) => row.lastSeq >= 1n),
    );
    hostId = host.id;
    const view = await api('GET', `/api/v1/hosts/${hostId}`, admin);
    expect(view.body).toMatchObject({
      agentVersion: OLD_VERSION,
      latestAgentVersion: NEW_VERSION,
      agentUpdateAvailable: true,
    });
    expect(view.body.capabilities).toContain('self_update');
  });

  it('refuses the update to an operator', async () => {
    const refused = await api('POST', `/api/v1/hosts/${hostId}/actions`, operator, { verb: 'update' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      error: { message: 'updating an agent needs the owner or admin role' },
    });
  });

  it('an admin updates it: the executable is replaced, the agent restarts and reports the new version', async () => {
    const [before] = processesMentioning(`${executable()} `);
    if (!before) throw new Error('no agent process');
    served = newExecutable;
    const queued = await api('POST', `/api/v1/hosts/${hostId}/actions`, admin, { verb: 'update' });
    expect(queued.status, JSON.stringify(queued.body)).toBe(202);
    const finished = await waitFor('the update action to finish', () =>
      finishedAction(berth.apiUrl, admin, queued.body.id),
    ).catch(async (error: Error) => {
      const action = await api('GET', `/api/v1/actions/${queued.body.id}`, admin);
      throw new Error(
        `${error.message}; action ${JSON.stringify(action.body)}; agent log:\n${await logTail()}`,
      );
    });
    expect(finished, String(finished.output)).toMatchObject({ status: 'succeeded' });
    expect(String(finished.output)).toContain(`updated berth-agent ${OLD_VERSION} → ${NEW_VERSION}`);

    const view = await waitFor('the host to report the new version', async () => {
      const host = await api('GET', `/api/v1/hosts/${hostId}`, admin);
      return host.body.agentVersion === NEW_VERSION && host.body.status === 'online' ? host.body : undefined;
    });
    expect(view).toMatchObject({ latestAgentVersion: NEW_VERSION, agentUpdateAvailable: false });
    expect((await readFile(executable())).equals(newExecutable)).toBe(true);
    expect((await readFile(`${executable()}.prev`)).equals(await readFile(AGENT_EXECUTABLE))).toBe(true);
    const after = processesMentioning(`${executable()} `);
    expect(after).toHaveLength(1);
    expect(after[0]?.pid).not.toBe(before.pid);
    const log = await readFile(join(prefix(), 'var/log/berth-agent.log'), 'utf8');
    expect(log).toContain('the agent exited with code 75');
    // The same host, still sending batches, and the update is not run again by the new agent.
    const seq = (await berth.enrolledHosts())[0]?.lastSeq ?? 0n;
    await waitFor('batches from the updated agent', async () =>
      (await berth.enrolledHosts()).find((row) => row.lastSeq > seq),
    );
    expect((await berth.enrolledHosts()).map((row) => row.id)).toEqual([hostId]);
  });

  it('refuses a second update of the now current agent with 409', async () => {
    const again = await api('POST', `/api/v1/hosts/${hostId}/actions`, admin, { verb: 'update' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      error: { message: `the agent is already current (${NEW_VERSION}; latest is ${NEW_VERSION})` },
    });
    const run = await runInstall(script, ['--uninstall', '--mode', 'native', '--prefix', prefix()]);
    expect(run.code, run.output).toBe(0);
    expect(processesMentioning(`${prefix()}/`)).toEqual([]);
  });
});
