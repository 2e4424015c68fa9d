import type { Logger } from '../cli/logger.js';
import type { DockerEngine } from '../collectors/index.js';
import { ExecStreamDemuxer } from './demux-exec-stream.js';

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
  /** What was done: `exited` (nothing ran any more), `hangup`, `killed`, or `failed: …`. */
  outcome: 'exited' | 'hangup' | 'killed' | `failed: ${string}`;
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
  target: { containerId: string; execId: string; sessionId: string; user?: string | undefined },
  log: Logger,
): Promise<EndedProcesses> {
  const { containerId, execId, sessionId, user } = target;
  try {
    // The exec's own state first: a process that ended and left nothing behind needs no signal.
    const before = await docker.exec().inspect(execId);
    if (!before.Running && !(await anyMarked(docker, containerId, sessionId, user)))
      return { outcome: 'exited' };
    await signalMarked(docker, containerId, sessionId, user, 'HUP');
    const deadline = Date.now() + HANGUP_GRACE_MS;
    while (Date.now() < deadline) {
      if (!(await anyMarked(docker, containerId, sessionId, user))) return { outcome: 'hangup' };
      await new Promise((resolve) => setTimeout(resolve, CHECK_EVERY_MS));
    }
    await signalMarked(docker, containerId, sessionId, user, 'KILL');
    return { outcome: 'killed' };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log.warn({ sessionId, containerId, err: error }, 'could not end the processes of a closed terminal');
    return { outcome: `failed: ${reason.slice(0, 300)}` };
  }
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
