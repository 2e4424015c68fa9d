import type { Logger } from '../cli/logger.js';
import type { DockerEngine } from '../collectors/index.js';
import { ExecStreamDemuxer } from './demux-exec-stream.js';
import { findMarkedOnHost, signalsHostPids } from './find-marked-on-host.js';

/** The variable every terminal's process (and whatever it starts) carries: `BERTH_EXEC_SESSION=<id>`. */
export const EXEC_MARKER_VARIABLE = 'BERTH_EXEC_SESSION';
/** Between the hang-up and the kill: time for a shell or editor to exit on its own. */
const HANGUP_GRACE_MS = 2_000;
const CHECK_EVERY_MS = 250;
/** A signalling exec that takes longer than this is abandoned (the container is stuck). */
const SIGNAL_EXEC_TIMEOUT_MS = 10_000;

export function execMarker(sessionId: string): string {
  return `${EXEC_MARKER_VARIABLE}=${sessionId}`;
}

/**
 * Signals every process in the container whose environment carries the marker ($0): the
 * terminal's process and its children. Reads /proc from inside the container, so it needs only
 * a POSIX sh, grep and kill there (busybox has them) — no access to the host's process table.
 */
const SIGNAL_MARKED = [
  'p=; for d in /proc/[0-9]*; do',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion, not a template
  '  grep -q "$0" "$d/environ" 2>/dev/null && p="$p ${d#/proc/}";',
  'done;',
  '[ -z "$p" ] || kill "-$1" $p 2>/dev/null;',
  'echo "signalled:$p"',
].join(' ');

export type EndedProcesses = {
  /** What was done: `exited` (nothing ran any more), `hangup`, `killed`, or `failed: …` (left running). */
  outcome: 'exited' | 'hangup' | 'killed' | `failed: ${string}`;
  /**
   * How the processes were found and signalled: a shell in the container, the host's /proc with
   * signals from the agent, or the host's /proc with the container's own `kill` binary.
   */
  via?: 'container-shell' | 'host-proc' | 'container-kill';
};

type Target = { containerId: string; execId: string; sessionId: string; user?: string | undefined };

/** One way to find and signal a session's processes. */
type Signaller = {
  via: NonNullable<EndedProcesses['via']>;
  anyMarked(): Promise<boolean>;
  signal(signal: 'HUP' | 'KILL'): Promise<void>;
};

/**
 * Docker has no way to kill an exec (moby#9098, #35703): closing the attach stream leaves the
 * process running in the container. So when a terminal is closed from Berth's side, its
 * processes are ended the way a terminal hang-up would: SIGHUP to every process carrying the
 * session's marker, then SIGKILL to whatever still carries it after a grace period
 * (docs/decisions.md, "Ending a closed terminal's processes").
 */
export async function endExecProcesses(
  docker: DockerEngine,
  target: Target,
  log: Logger,
  /** The host's /proc as the agent sees it (`--proc-root`): the way in for images without a shell. */
  procRoot?: string,
): Promise<EndedProcesses> {
  const { containerId, execId, sessionId } = target;
  let via: EndedProcesses['via'];
  try {
    // The exec's own state first: a process that ended and left nothing behind needs no signal.
    const before = await docker.exec().inspect(execId);
    const { signaller, marked } = await pickSignaller(docker, target, procRoot);
    via = signaller.via;
    if (!before.Running && !marked) return { outcome: 'exited', via };
    await signaller.signal('HUP');
    const deadline = Date.now() + HANGUP_GRACE_MS;
    while (Date.now() < deadline) {
      if (!(await signaller.anyMarked())) return { outcome: 'hangup', via };
      await new Promise((resolve) => setTimeout(resolve, CHECK_EVERY_MS));
    }
    await signaller.signal('KILL');
    return { outcome: 'killed', via };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log.warn(
      { sessionId, containerId, err: error },
      'could not end the processes of a closed terminal: they are left running in the container',
    );
    return { outcome: `failed: left running: ${reason.slice(0, 400)}`, ...(via ? { via } : {}) };
  }
}

/**
 * The shell in the container first (it sees the container's processes whatever the agent's pid
 * namespace); without one, the host's /proc. The first check for marked processes also tells
 * whether the way works; when none does, the error says why each failed.
 */
async function pickSignaller(
  docker: DockerEngine,
  target: Target,
  procRoot: string | undefined,
): Promise<{ signaller: Signaller; marked: boolean }> {
  const shell = containerShell(docker, target);
  let shellError: string;
  try {
    return { signaller: shell, marked: await shell.anyMarked() };
  } catch (error) {
    shellError = error instanceof Error ? error.message : String(error);
  }
  if (procRoot === undefined) throw new Error(`${shellError}; the host's /proc is not configured`);
  try {
    const host = await hostProc(docker, target, procRoot);
    return { signaller: host, marked: await host.anyMarked() };
  } catch (error) {
    const hostError = error instanceof Error ? error.message : String(error);
    throw new Error(`${shellError}; from the host's ${procRoot}: ${hostError}`);
  }
}

function containerShell(docker: DockerEngine, { containerId, sessionId, user }: Target): Signaller {
  return {
    via: 'container-shell',
    anyMarked: () => anyMarked(docker, containerId, sessionId, user),
    signal: async (signal) => {
      await signalMarked(docker, containerId, sessionId, user, signal);
    },
  };
}

/**
 * Finds the marked processes in the host's /proc. Signals them from the agent when it shares
 * that /proc's pid namespace; otherwise runs the container's own `kill` (no shell needed) with
 * the pids as the container numbers them.
 */
async function hostProc(docker: DockerEngine, target: Target, procRoot: string): Promise<Signaller> {
  const { containerId, sessionId, user } = target;
  const initPid = (await docker.container(containerId).inspect()).State.Pid;
  if (!initPid) throw new Error('the container is not running');
  const marker = execMarker(sessionId);
  const find = () => findMarkedOnHost(procRoot, initPid, marker);
  await find();
  if (await signalsHostPids(procRoot))
    return {
      via: 'host-proc',
      anyMarked: async () => (await find()).length > 0,
      signal: async (signal) => {
        for (const { hostPid } of await find()) {
          try {
            process.kill(hostPid, `SIG${signal}`);
          } catch (error) {
            // Gone since it was found: nothing left to end.
            if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
          }
        }
      },
    };
  return {
    via: 'container-kill',
    anyMarked: async () => (await find()).length > 0,
    signal: async (signal) => {
      const pids = (await find()).map(({ containerPid }) => String(containerPid));
      if (pids.length === 0) return;
      const { exitCode, output } = await runToEnd(docker, containerId, ['kill', `-${signal}`, ...pids], user);
      if (exitCode !== 0 && (await find()).length > 0)
        throw new Error(`kill in the container failed (exit ${exitCode}): ${output.trim().slice(0, 200)}`);
    },
  };
}

async function anyMarked(
  docker: DockerEngine,
  containerId: string,
  sessionId: string,
  user: string | undefined,
): Promise<boolean> {
  // Signal 0 checks existence only; the list of pids tells whether any carried the marker.
  const output = await signalMarked(docker, containerId, sessionId, user, '0');
  return /signalled:\s*\d/.test(output);
}

async function signalMarked(
  docker: DockerEngine,
  containerId: string,
  sessionId: string,
  user: string | undefined,
  signal: 'HUP' | 'KILL' | '0',
): Promise<string> {
  const { exitCode, output } = await runToEnd(
    docker,
    containerId,
    ['/bin/sh', '-c', SIGNAL_MARKED, execMarker(sessionId), signal],
    user,
  );
  if (exitCode !== 0 || !output.includes('signalled:'))
    throw new Error(
      `the signalling command failed in the container (exit ${exitCode}): ${output.trim().slice(0, 200) || 'no /bin/sh?'}`,
    );
  return output;
}

/** Runs a short command without a TTY to its end; its exit code and (at most 4 KiB of) output. */
async function runToEnd(
  docker: DockerEngine,
  containerId: string,
  cmd: string[],
  user: string | undefined,
): Promise<{ exitCode: number | null; output: string }> {
  const signal = AbortSignal.timeout(SIGNAL_EXEC_TIMEOUT_MS);
  const execId = await docker
    .exec()
    .create(containerId, { cmd, tty: false, stdin: false, user, cols: 80, rows: 24 });
  const stream = await docker.exec().start(execId, false, signal);
  let output = '';
  const demuxer = new ExecStreamDemuxer((payload) => {
    if (output.length < 4096) output = (output + payload.toString('utf8')).slice(0, 4096);
  });
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => demuxer.push(chunk));
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', reject);
  });
  stream.destroy();
  const inspected = await docker.exec().inspect(execId);
  return { exitCode: inspected.Running ? null : inspected.ExitCode, output };
}
