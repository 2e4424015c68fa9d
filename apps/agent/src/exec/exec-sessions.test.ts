import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { docker, dockerAvailability, ensureNoShellImage, TEST_LABEL } from '@berth/test-docker';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../cli/logger.js';
import { createDockerClient } from '../collectors/index.js';
import { RUN_LABEL, removeOurContainers, runLabelled, waitFor } from '../collectors/test/helpers.js';
import type { ExecOutFrame } from './exec-session.js';
import { EXEC_DISABLED_REASON, EXEC_READ_ONLY_REASON, ExecSessions } from './exec-sessions.js';

const availability = await dockerAvailability();
const engine = createDockerClient({});
const log = silentLogger();
/** Ends a terminal's processes from a pid namespace of its own (run under `unshare`). */
const ownPidNamespaceScript = fileURLToPath(
  new URL('./test/end-processes-from-own-pid-namespace.ts', import.meta.url),
);

/** An agent's exec side whose frames land in `frames`, as the gateway would receive them. */
function execAgent(
  options: { allowed?: boolean; readOnly?: boolean; windowBytes?: number; procRoot?: string } = {},
) {
  const frames: ExecOutFrame[] = [];
  const sessions = new ExecSessions({
    docker: engine,
    send: (frame) => {
      frames.push(frame);
      return true;
    },
    log,
    allowed: options.allowed ?? true,
    readOnly: options.readOnly ?? false,
    ...(options.windowBytes ? { windowBytes: options.windowBytes } : {}),
    ...(options.procRoot ? { procRoot: options.procRoot } : {}),
  });
  const output = (sessionId: string) =>
    Buffer.concat(
      frames.flatMap((frame) =>
        frame.type === 'exec_stdout' && frame.sessionId === sessionId
          ? [Buffer.from(frame.data, 'base64')]
          : [],
      ),
    );
  const closeOf = (sessionId: string) =>
    frames.find((frame) => frame.type === 'exec_close' && frame.sessionId === sessionId);
  return { frames, sessions, output, closeOf };
}

function open(
  sessions: ExecSessions,
  containerId: string,
  cmd: string[],
  sessionId = crypto.randomUUID(),
): string {
  sessions.handle({ type: 'exec_open', sessionId, containerId, cmd, tty: true, cols: 80, rows: 24 });
  return sessionId;
}

describe.skipIf(!availability.ok)(
  `exec sessions against the real engine${availability.ok ? '' : ` (skipped: ${availability.reason})`}`,
  () => {
    const noShell: string[] = [];
    /** A container of the shell-less image running `sleep 3600`; its id. */
    async function runNoShell(): Promise<string> {
      const image = await ensureNoShellImage();
      const id = await docker(
        'run',
        '-d',
        '--network',
        'none',
        '--label',
        TEST_LABEL,
        '--label',
        RUN_LABEL,
        image,
        'sleep',
        '3600',
      );
      noShell.push(id);
      return id;
    }

    afterAll(async () => {
      await Promise.allSettled(noShell.map((id) => docker('rm', '-f', id)));
      await removeOurContainers();
      engine.close();
    });

    it('runs a shell, types echo berth-$((1+1)) and sees berth-2, then exits with the code', async () => {
      const container = await runLabelled('sleep 3600');
      const agent = execAgent();
      const id = open(agent.sessions, container.shortId, ['/bin/sh']);
      await waitFor(() => agent.frames.some((frame) => frame.type === 'exec_opened'), 'exec_opened');
      const typed = (seq: number, text: string) =>
        agent.sessions.handle({
          type: 'exec_stdin',
          sessionId: id,
          seq,
          data: Buffer.from(text).toString('base64'),
        });
      typed(1, 'echo berth-$((1+1))\r');
      await waitFor(() => agent.output(id).toString().includes('\nberth-2'), 'berth-2 in the output');
      // A repeated seq is dropped, not typed twice.
      typed(1, 'echo again\r');
      agent.sessions.handle({ type: 'exec_resize', sessionId: id, cols: 132, rows: 43 });
      typed(2, 'stty size; exit 3\r');
      const close = await waitFor(() => agent.closeOf(id), 'exec_close');
      expect(agent.output(id).toString()).toContain('43 132');
      expect(agent.output(id).toString()).not.toContain('again');
      expect(close).toMatchObject({ exitCode: 3, reason: 'the process exited' });
      expect(agent.sessions.size).toBe(0);
    });

    it('stops reading a flooding `yes` once the window is unacknowledged, and resumes on acks', async () => {
      const container = await runLabelled('sleep 3600');
      const windowBytes = 64 * 1024;
      const agent = execAgent({ windowBytes });
      const id = open(agent.sessions, container.shortId, ['yes', 'berth']);
      const session = await waitFor(() => agent.sessions.get(id), 'the session');
      const sent = () => agent.output(id).length;
      await waitFor(() => sent() === windowBytes, 'a full window of output');
      await waitFor(() => session.paused, 'the container stream paused');
      // Held output is bounded by the window plus what the engine had already handed over.
      expect(session.held).toBeLessThanOrEqual(windowBytes + 64 * 1024);
      for (let round = 1; round <= 5; round++) {
        // The window is counted from what was acknowledged: the ack may release held output at
        // once, so the target is read before the ack is handled, not after.
        const consumed = sent();
        agent.sessions.handle({ type: 'exec_ack', sessionId: id, consumed });
        await waitFor(() => sent() === consumed + windowBytes, `window ${round} refilled`);
        await waitFor(() => session.paused, 'paused again');
        expect(session.held).toBeLessThanOrEqual(windowBytes + 64 * 1024);
      }
      expect(session.maxUnacked).toBe(windowBytes);
      expect(agent.output(id).toString().startsWith('berth\r\nberth\r\n')).toBe(true);
      agent.sessions.handle({ type: 'exec_close', sessionId: id, reason: 'the viewer left' });
      expect(agent.closeOf(id)).toMatchObject({ reason: 'the viewer left', exitCode: null });
      expect(agent.sessions.size).toBe(0);
    });

    it('ends the process in the container when the terminal is closed (Docker has no exec kill)', async () => {
      const container = await runLabelled('sleep 3600');
      const agent = execAgent();
      const top = () => docker('top', container.id, '-o', 'pid,args');
      const hangup = open(agent.sessions, container.shortId, ['sleep', '1000']);
      // A child that ignores the hang-up, behind a shell: killed after the grace period.
      const stubborn = open(agent.sessions, container.shortId, [
        '/bin/sh',
        '-c',
        'trap "" HUP; sleep 1001 & wait',
      ]);
      await waitFor(
        () => agent.frames.filter((frame) => frame.type === 'exec_opened').length === 2,
        'both sessions opened',
      );
      // Both exec'd processes, which start independently of their exec_opened frames.
      await waitFor(async () => {
        const running = await top();
        return running.includes('sleep 1000') && running.includes('sleep 1001');
      }, 'sleep 1000 and sleep 1001 running');
      const sessions = [hangup, stubborn].map((id) => agent.sessions.get(id));
      agent.sessions.handle({ type: 'exec_close', sessionId: hangup, reason: 'the viewer left' });
      agent.sessions.handle({ type: 'exec_close', sessionId: stubborn, reason: 'the viewer left' });
      expect(await sessions[0]?.ending).toEqual({ outcome: 'hangup', via: 'container-shell' });
      expect(await sessions[1]?.ending).toEqual({ outcome: 'killed', via: 'container-shell' });
      const left = await top();
      expect(left).not.toContain('sleep 1000');
      expect(left).not.toContain('sleep 1001');
      for (const session of sessions) {
        const inspected = await engine.exec().inspect(session?.execId ?? '');
        expect(inspected.Running).toBe(false);
      }
      // The container itself was not touched.
      expect(left).toContain('sleep 3600');
    });

    it('ends the process of a closed terminal in an image without a shell, from the host’s /proc', async () => {
      const id = await runNoShell();
      const top = () => docker('top', id, '-o', 'pid,args');
      const agent = execAgent({ procRoot: '/proc' });
      const sessionId = open(agent.sessions, id.slice(0, 12), ['sleep', '1000']);
      await waitFor(() => agent.frames.some((frame) => frame.type === 'exec_opened'), 'exec_opened');
      await waitFor(async () => (await top()).includes('sleep 1000'), 'sleep 1000 running');
      const session = agent.sessions.get(sessionId);
      agent.sessions.handle({ type: 'exec_close', sessionId, reason: 'the viewer left' });
      // No /bin/sh to scan with: found and hung up from the host's side instead.
      expect(await session?.ending).toEqual({ outcome: 'hangup', via: 'host-proc' });
      const left = await top();
      expect(left).not.toContain('sleep 1000');
      expect(left).toContain('sleep 3600');
      expect((await engine.exec().inspect(session?.execId ?? '')).Running).toBe(false);
    });

    it('says the process was left running when neither a shell nor the host’s /proc can reach it; the container’s kill can', async () => {
      const id = await runNoShell();
      const top = () => docker('top', id, '-o', 'pid,args');
      // No --proc-root given: the agent cannot see the host's processes.
      const agent = execAgent();
      const sessionId = open(agent.sessions, id.slice(0, 12), ['sleep', '1002']);
      await waitFor(async () => (await top()).includes('sleep 1002'), 'sleep 1002 running');
      const session = agent.sessions.get(sessionId);
      agent.sessions.handle({ type: 'exec_close', sessionId, reason: 'the viewer left' });
      const ended = await session?.ending;
      expect(ended?.outcome).toMatch(
        /^failed: left running: .*\/bin\/sh.*; the host's \/proc is not configured$/,
      );
      expect(await top()).toContain('sleep 1002');

      // An agent in its own pid namespace that reads the host's /proc (a containerised agent with
      // it mounted) must not signal host pids itself: it uses the container's `kill` binary.
      const child = spawnSync(
        'unshare',
        [
          '--pid',
          '--fork',
          process.execPath,
          '--import',
          'tsx',
          ownPidNamespaceScript,
          id,
          session?.execId ?? '',
          sessionId,
        ],
        { encoding: 'utf8', env: { PATH: process.env.PATH } },
      );
      expect(child.stderr).toBe('');
      const result = JSON.parse(child.stdout) as { pid: number; ended: unknown };
      expect(result.pid).not.toBe(process.pid);
      expect(result.ended).toEqual({ outcome: 'hangup', via: 'container-kill' });
      const left = await top();
      expect(left).not.toContain('sleep 1002');
      expect(left).toContain('sleep 3600');
    });

    it('ends the session when the container dies', async () => {
      const container = await runLabelled('sleep 3600');
      const agent = execAgent();
      const id = open(agent.sessions, container.shortId, ['/bin/sh']);
      await waitFor(() => agent.frames.some((frame) => frame.type === 'exec_opened'), 'exec_opened');
      await docker('kill', container.id);
      const close = await waitFor(() => agent.closeOf(id), 'exec_close after the container died');
      expect(close?.type).toBe('exec_close');
      expect(agent.sessions.size).toBe(0);
    });

    it('refuses with the reason when not opted in, in read-only mode, or for a missing container', async () => {
      const off = execAgent({ allowed: false });
      const a = open(off.sessions, '0123456789ab', ['/bin/sh']);
      expect(off.frames).toEqual([{ type: 'exec_error', sessionId: a, reason: EXEC_DISABLED_REASON }]);
      const readOnly = execAgent({ allowed: true, readOnly: true });
      const b = open(readOnly.sessions, '0123456789ab', ['/bin/sh']);
      expect(readOnly.frames).toEqual([{ type: 'exec_error', sessionId: b, reason: EXEC_READ_ONLY_REASON }]);
      const missing = execAgent();
      const c = open(missing.sessions, 'f00dbabef00d', ['/bin/sh']);
      const error = await waitFor(
        () => missing.frames.find((frame) => frame.type === 'exec_error'),
        'exec_error',
      );
      expect(error).toMatchObject({ sessionId: c, reason: expect.stringMatching(/no such container/i) });
    });
  },
);
