import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from './harness/call-api.js';
import { buildNoNodeImage } from './harness/no-node-image.js';
import { HOST_TARGET } from './harness/repo-paths.js';
import { type Berth, startBerth } from './harness/start-berth.js';
import { waitFor } from './harness/wait-for.js';

const run = promisify(execFile);
const INTERVAL_S = 1;
const docker = async (...args: string[]) => (await run('docker', args)).stdout.trim();

/** Why the machine's engine cannot run the test's container, or undefined when it can. */
async function engineUnavailable(): Promise<string | undefined> {
  if (process.env.BERTH_DOCKER_UNAVAILABLE)
    return `BERTH_DOCKER_UNAVAILABLE=${process.env.BERTH_DOCKER_UNAVAILABLE}`;
  return docker('info', '--format', '{{.ServerVersion}}').then(
    () => undefined,
    () => 'no Docker engine answers',
  );
}
const unavailable = await engineUnavailable();

/**
 * Done-when of issue 19: on a host with no Node.js at all — a busybox root filesystem with curl
 * and the C library, in a container on the host network — the one-line install command the API
 * gives out with a new enrolment token installs the agent executable natively (no Docker CLI
 * in there, so install.sh chooses native by itself) and the host appears live.
 */
describe.skipIf(unavailable)(
  `the console's install command on a host without Node.js${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    const runId = `${process.pid}-${Date.now()}`;
    const image = `berth-test/no-node:${runId}`;
    const name = `berth-test-no-node-${runId}`;
    let berth: Berth;

    beforeAll(async () => {
      [berth] = await Promise.all([startBerth({ intervalS: INTERVAL_S }), buildNoNodeImage(image)]);
    });

    afterAll(async () => {
      await docker('rm', '-f', name).catch(() => undefined);
      await docker('image', 'rm', '-f', image).catch(() => undefined);
      await berth?.stop();
    });

    it('has no node, no npm and no docker, but a shell, curl and sha256sum', async () => {
      const probe =
        'for c in node nodejs npm docker sh curl sha256sum; do command -v $c || echo "no $c"; done';
      const found = await docker('run', '--rm', '--network', 'none', image, 'sh', '-c', probe);
      // busybox's shell names its own applets without a path.
      expect(found.split('\n')).toEqual([
        'no node',
        'no nodejs',
        'no npm',
        'no docker',
        'sh',
        '/bin/curl',
        'sha256sum',
      ]);
    });

    it('installs natively with the one-line command from the API, and the host reports live', async () => {
      const admin = await berth.apiToken('admin');
      const created = await callApi(berth.apiUrl, admin, 'POST', '/api/v1/enrolment-tokens', {
        name: 'no node host',
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const command = String(created.body.installCommand);
      expect(command).toMatch(/^curl -fsSL http:\/\/127\.0\.0\.1:\d+\/install\.sh \| sh -s -- --token /);

      // The container lives as long as the agent's supervisor: it is the host being monitored.
      await docker(
        ...['run', '-d', '--name', name, '--network', 'host', '--label', 'berth.test=1'],
        ...['-v', '/var/run/docker.sock:/var/run/docker.sock', image],
        ...['sh', '-c', `${command} --interval ${INTERVAL_S} && exec tail -f /var/log/berth-agent.log`],
      );
      const logs = async () => (await run('docker', ['logs', name])).stdout;
      const host = await waitFor(
        'the host installed without Node.js to report',
        async () => (await berth.enrolledHosts()).find((row) => row.lastSeq >= 2n && row.status === 'online'),
        { timeoutMs: 90_000, everyMs: 200 },
      ).catch(async (error: Error) => {
        throw new Error(`${error.message}\n${await logs()}`);
      });
      const output = await logs();
      expect(output).toContain('installing in native mode');
      expect(output).toContain(`this host is ${HOST_TARGET}`);
      expect(output).toContain('sha256 verified');
      expect(output).toContain('Berth agent installed and running (supervisor pid');
      expect(output).toContain('"msg":"agent started"');

      const view = await callApi(berth.apiUrl, admin, 'GET', `/api/v1/hosts/${host.id}`);
      expect(view.body).toMatchObject({ status: 'online' });
      // The agent process is the executable itself, with nothing in front of it.
      const processes = await docker('exec', name, 'ps', '-o', 'args');
      expect(processes).toContain('/opt/berth-agent/berth-agent --state-dir /var/lib/berth-agent');
      expect(await docker('exec', name, 'ls', '/opt/berth-agent')).toBe(
        'berth-agent\nberth-agent-supervisor.sh',
      );
    });
  },
);
