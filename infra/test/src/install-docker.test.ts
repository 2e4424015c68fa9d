import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, finishedAction } from './harness/call-api.js';
import { AGENT_VERSION, buildNextExecutable, NEXT_AGENT_VERSION } from './harness/next-agent.js';
import { PrivateDockerd } from './harness/private-dockerd.js';
import { repoPath } from './harness/repo-paths.js';
import { fetchInstallScript, runInstall } from './harness/run-install.js';
import { type Berth, startBerth } from './harness/start-berth.js';
import { waitFor } from './harness/wait-for.js';

const run = promisify(execFile);
const INTERVAL_S = 1;
/** Carries the API's actions to the gateway holding the agent's socket, as in production. */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const unavailable = await PrivateDockerd.unavailable();

describe.skipIf(unavailable)(
  `install.sh --mode docker${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let berth: Berth;
    let engine: PrivateDockerd;
    let work: string;
    let script: string;
    let image: string;
    let imageBytes = 0;

    /** Runs a helper script of infra/docker against the test's engine. */
    const infraScript = (name: string, args: string[]) =>
      run('sh', [repoPath(`infra/docker/${name}`), ...args], {
        env: { ...process.env, DOCKER_HOST: engine.host },
        maxBuffer: 16 * 1024 * 1024,
      });

    beforeAll(async () => {
      // This Berth's release is one agent version ahead of the image built below (the update test).
      [berth, engine] = await Promise.all([
        startBerth({ intervalS: INTERVAL_S, agentVersion: NEXT_AGENT_VERSION, redisUrl: REDIS_URL }),
        PrivateDockerd.start(),
      ]);
      work = await mkdtemp(join(tmpdir(), 'berth-docker-'));
      script = join(work, 'install.sh');
      await writeFile(script, await fetchInstallScript(berth.apiUrl));
      // No image can be pulled here: the agent image is the executable this checkout built and
      // the glibc files it loads, imported as a root filesystem (build-agent-image.sh).
      const built = await infraScript('build-agent-image.sh', []);
      const found = /==> berth-agent \d+\.\d+\.\d+ in (\S+) \((\d+) bytes\)/.exec(built.stdout);
      image = found?.[1] ?? '';
      imageBytes = Number(found?.[2] ?? 0);
    });

    afterAll(async () => {
      await engine?.stop();
      await berth?.stop();
      if (work) await rm(work, { recursive: true, force: true });
    });

    const install = (args: string[]) => runInstall(script, args, { DOCKER_HOST: engine.host });
    const inspect = (format: string) => engine.docker(['inspect', '--format', format, 'berth-agent']);
    const reported = (after: bigint, what: string) =>
      waitFor(what, async () => (await berth.enrolledHosts()).find((host) => host.lastSeq > after), {
        timeoutMs: 60_000,
        everyMs: 100,
      });

    it('builds the agent image offline: the executable, no Node.js, no shell, a non-root user, ~113 MB', async () => {
      expect(image).toMatch(/^berth\/agent:\d+\.\d+\.\d+$/);
      expect(await engine.docker(['run', '--rm', '--network', 'none', image, '--version'])).toBe(
        `berth-agent ${AGENT_VERSION}`,
      );
      for (const missing of ['node', 'sh']) {
        await expect(
          engine.docker(['run', '--rm', '--network', 'none', '--entrypoint', missing, image]),
        ).rejects.toThrow(/executable file not found|no such file or directory/);
      }
      // install.sh's state checks: the executable evaluates JavaScript as the bun it carries.
      expect(
        await engine.docker([
          ...['run', '--rm', '--network', 'none', '-e', 'BUN_BE_BUN=1'],
          ...['--entrypoint', '/opt/berth-agent/berth-agent', image, '-p', 'process.getuid()'],
        ]),
      ).toBe('1000');
      // The goal is 110 MB; the Bun runtime alone is 107 MB (docs/benchmarks.md). A ceiling
      // that catches anything added beside it.
      expect(imageBytes).toBeGreaterThan(100_000_000);
      expect(imageBytes).toBeLessThan(116_000_000);
    });

    it('runs the agent container (host network, socket, /proc, volume, restart policy) and the host reports', async () => {
      const token = await berth.enrolmentToken();
      const result = await install(['--token', token, '--interval', String(INTERVAL_S)]);
      expect(result.code, result.output).toBe(0);
      expect(result.stdout).toContain('installing in docker mode');
      expect(result.stdout).toContain('Berth agent installed and running (container berth-agent');

      const config = JSON.parse(await inspect('{{json .HostConfig.RestartPolicy}}'));
      expect(config).toMatchObject({ Name: 'unless-stopped' });
      expect(await inspect('{{.HostConfig.NetworkMode}}')).toBe('host');
      expect(await inspect('{{index .Config.Labels "berth.agent"}}')).toBe('1');
      expect(await inspect('{{.Config.User}}')).toBe('1000:1000');
      const mounts = JSON.parse(await inspect('{{json .Mounts}}')) as {
        Source: string;
        Destination: string;
        RW: boolean;
        Name?: string;
      }[];
      expect(mounts).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ Source: '/proc', Destination: '/host/proc', RW: false }),
          expect.objectContaining({
            Name: 'berth-agent-state',
            Destination: '/var/lib/berth-agent',
            RW: true,
          }),
          expect.objectContaining({ Destination: '/var/run/docker.sock' }),
        ]),
      );
      expect(await inspect('{{json .Config.Env}}')).toContain('BERTH_PROC_ROOT=/host/proc');

      const host = await reported(0n, 'the containerised agent to report a batch');
      expect(host.status).toBe('online');
      expect(await berth.enrolledHosts()).toHaveLength(1);
    });

    it('running it again changes nothing', async () => {
      const id = await inspect('{{.Id}}');
      const started = await inspect('{{.State.StartedAt}}');
      const result = await install([
        '--token',
        'berth_enrol_this_token_is_not_valid_at_all',
        '--interval',
        String(INTERVAL_S),
      ]);
      expect(result.code, result.output).toBe(0);
      expect(result.stdout).toContain('already installed, up to date');
      expect(await inspect('{{.Id}}')).toBe(id);
      expect(await inspect('{{.State.StartedAt}}')).toBe(started);
      expect(await berth.enrolledHosts()).toHaveLength(1);
    });

    it('survives a dockerd restart: the restart policy brings the same container back and it reports again', async () => {
      const id = await inspect('{{.Id}}');
      await engine.restart();
      await waitFor('the agent container to run again', async () =>
        (await inspect('{{.State.Running}}')) === 'true' ? true : undefined,
      );
      expect(await inspect('{{.Id}}')).toBe(id);
      const seq = (await berth.enrolledHosts())[0]?.lastSeq ?? 0n;
      const host = await reported(seq, 'a batch from the agent after the engine restart');
      expect(host.lastSeq).toBeGreaterThan(seq);
      expect(await berth.enrolledHosts()).toHaveLength(1);
    });

    it('an admin updates the agent: its container is recreated from the next image tag, same settings, and reports the new version', async () => {
      const nextImage = `berth/agent:${NEXT_AGENT_VERSION}`;
      const next = buildNextExecutable(join(work, 'next-image'));
      await infraScript('build-agent-image.sh', ['--executable', next, '--tag', nextImage]);
      const [host] = await berth.enrolledHosts();
      if (!host) throw new Error('no enrolled host');
      const admin = await berth.apiToken('admin');
      const before = await callApi(berth.apiUrl, admin, 'GET', `/api/v1/hosts/${host.id}`);
      expect(before.body).toMatchObject({ agentVersion: AGENT_VERSION, agentUpdateAvailable: true });
      expect(before.body.capabilities).toContain('self_update');
      const oldId = await inspect('{{.Id}}');
      const oldSettings = await inspect(
        '{{json .HostConfig.RestartPolicy}} {{json .HostConfig.Binds}} {{.HostConfig.NetworkMode}}',
      );

      const queued = await callApi(berth.apiUrl, admin, 'POST', `/api/v1/hosts/${host.id}/actions`, {
        verb: 'update',
      });
      expect(queued.status, JSON.stringify(queued.body)).toBe(202);
      const finished = await waitFor('the update action to finish', () =>
        finishedAction(berth.apiUrl, admin, queued.body.id),
      );
      expect(finished, String(finished.output)).toMatchObject({ status: 'succeeded' });
      expect(finished.output).toBe(
        `updating berth-agent ${AGENT_VERSION} → ${NEXT_AGENT_VERSION}: recreating the container berth-agent from ${nextImage}`,
      );

      const updated = await waitFor(
        'the host to report the new version',
        async () => {
          const view = await callApi(berth.apiUrl, admin, 'GET', `/api/v1/hosts/${host.id}`);
          return view.body.agentVersion === NEXT_AGENT_VERSION ? view.body : undefined;
        },
        { timeoutMs: 60_000 },
      );
      expect(updated).toMatchObject({ status: 'online', agentUpdateAvailable: false });
      expect(await inspect('{{.Config.Image}}')).toBe(nextImage);
      expect(await inspect('{{.Id}}')).not.toBe(oldId);
      expect(
        await inspect(
          '{{json .HostConfig.RestartPolicy}} {{json .HostConfig.Binds}} {{.HostConfig.NetworkMode}}',
        ),
      ).toBe(oldSettings);
      expect(await inspect('{{json .Config.Env}}')).toContain('BERTH_INSTALL_MODE=docker');
      // The old container and the helper are gone once the new agent stayed up.
      await waitFor('only the new agent container to be left', async () =>
        (await engine.docker(['ps', '-a', '--format', '{{.Names}}'])) === 'berth-agent' ? true : undefined,
      );
      expect(await berth.enrolledHosts()).toHaveLength(1);
    });

    it('--uninstall removes the container and its volume and says so', async () => {
      const result = await install(['--uninstall']);
      expect(result.code, result.output).toBe(0);
      expect(result.stdout).toContain('removed the container berth-agent');
      expect(result.stdout).toContain('removed the volume berth-agent-state');
      expect(await engine.docker(['ps', '-aq', '--filter', 'label=berth.agent=1'])).toBe('');
      expect(await engine.docker(['volume', 'ls', '-q', '--filter', 'label=berth.agent=1'])).toBe('');
    });

    it('--state-dir keeps the state in a host directory owned by the agent user, and --uninstall removes it', async () => {
      const stateDir = join(work, 'agent-state');
      const hostsBefore = (await berth.enrolledHosts()).length;
      const token = await berth.enrolmentToken();
      const result = await install([
        '--token',
        token,
        '--state-dir',
        stateDir,
        '--interval',
        String(INTERVAL_S),
        '--read-only',
      ]);
      expect(result.code, result.output).toBe(0);
      const credentials = await stat(join(stateDir, 'credentials.json'));
      expect([credentials.uid, credentials.mode & 0o777]).toEqual([1000, 0o600]);
      expect(await inspect('{{json .Config.Env}}')).toContain('BERTH_READ_ONLY=1');
      const { hostId } = JSON.parse(await readFile(join(stateDir, 'credentials.json'), 'utf8')) as {
        hostId: string;
      };
      await waitFor('the host of the --state-dir install to report', async () =>
        (await berth.enrolledHosts()).find((host) => host.id === hostId && host.lastSeq >= 1n),
      );
      expect(await berth.enrolledHosts()).toHaveLength(hostsBefore + 1);

      const removed = await install(['--uninstall']);
      expect(removed.code, removed.output).toBe(0);
      expect(removed.stdout).toContain(`removed ${stateDir}`);
      await expect(stat(stateDir)).rejects.toThrow(/ENOENT/);
    });

    it('says so when the image is missing and cannot be pulled', async () => {
      const token = await berth.enrolmentToken();
      const result = await install(['--token', token, '--image', 'berth/no-such-agent:0.0.0']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'the agent image berth/no-such-agent:0.0.0 is not on this host and could not be pulled',
      );
    });
  },
);
