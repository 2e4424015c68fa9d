import type { Duplex } from 'node:stream';
import {
  type ExecAckFrame,
  type ExecCloseFrame,
  type ExecOpenFrame,
  type ExecStdinFrame,
  MAX_EXEC_CHUNK_BYTES,
} from '@berth/protocol';
import type { Logger } from '../cli/logger.js';
import type { DockerEngine } from '../collectors/index.js';
import { ExecStreamDemuxer } from './demux-exec-stream.js';
import { type EndedProcesses, endExecProcesses, execMarker } from './end-exec-processes.js';
import type { ExecFramePacer } from './exec-frame-pacer.js';
import { OutputWindow } from './output-window.js';

/** Keystrokes waiting to reach the container past this are a stuck process: the session ends. */
const MAX_BUFFERED_STDIN = 1024 * 1024;

export type ExecSessionDeps = {
  docker: DockerEngine;
  /** False when the frame could not go out (the gateway connection is gone). */
  send: (frame: ExecOutFrame) => boolean;
  pacer: ExecFramePacer;
  log: Logger;
  windowBytes: number;
  onEnded: (sessionId: string) => void;
  /** The host's /proc (`--proc-root`), to end a closed terminal's processes in an image without a shell. */
  procRoot?: string | undefined;
};

export type ExecOutFrame =
  | { type: 'exec_opened'; sessionId: string; window: number }
  | { type: 'exec_error'; sessionId: string; reason: string }
  | { type: 'exec_stdout'; sessionId: string; seq: number; data: string }
  | ExecCloseFrame;

/**
 * One `docker exec`: its hijacked stream, the output window towards the gateway, stdin in
 * order. Ends once: when the process exits (or its container dies: the stream ends), when the
 * gateway closes it, or when the connection to the gateway is gone.
 */
export class ExecSession {
  readonly #output: OutputWindow;
  #stream: Duplex | undefined;
  #execId: string | undefined;
  #stdinSeq = 0;
  #stdoutSeq = 0;
  #timer: NodeJS.Timeout | undefined;
  #streamEnded = false;
  /** A resize in flight: keystrokes after it wait, so a command typed after a resize sees the new size. */
  #resizing: Promise<void> = Promise.resolve();
  #closed = false;
  readonly #abort = new AbortController();
  #ending: Promise<EndedProcesses> | undefined;

  constructor(
    readonly open: ExecOpenFrame,
    private readonly deps: ExecSessionDeps,
  ) {
    this.#output = new OutputWindow(deps.windowBytes, MAX_EXEC_CHUNK_BYTES);
  }

  get sessionId(): string {
    return this.open.sessionId;
  }

  /** The most output ever unacknowledged at once (tests). */
  get maxUnacked(): number {
    return this.#output.maxUnacked;
  }

  /** Output held by the agent: waiting plus sent-but-unacknowledged bytes (tests: bounded). */
  get held(): number {
    return this.#output.pending + this.#output.unacked;
  }

  /** True while the container's stream is not being read (the window is full). */
  get paused(): boolean {
    return this.#stream?.isPaused() ?? false;
  }

  /** How the processes of a session closed from this side were ended (tests, logs); undefined otherwise. */
  get ending(): Promise<EndedProcesses> | undefined {
    return this.#ending;
  }

  get execId(): string | undefined {
    return this.#execId;
  }

  async start(): Promise<void> {
    const { docker } = this.deps;
    const { containerId, cmd, tty, user, cols, rows } = this.open;
    try {
      // The marker lets a close find the process and its children in the container (no exec-kill API).
      const env = [execMarker(this.sessionId)];
      this.#execId = await docker.exec().create(containerId, { cmd, tty, user, cols, rows, env });
      this.#stream = await docker.exec().start(this.#execId, tty, this.#abort.signal);
    } catch (error) {
      this.#closed = true;
      this.deps.onEnded(this.sessionId);
      this.deps.send({ type: 'exec_error', sessionId: this.sessionId, reason: describe(error) });
      return;
    }
    if (this.#closed) {
      this.#stream.destroy();
      this.#endProcesses();
      return;
    }
    const stream = this.#stream;
    const demuxer = tty ? undefined : new ExecStreamDemuxer((payload) => this.#received(payload));
    stream.on('data', (chunk: Buffer) => (demuxer ? demuxer.push(chunk) : this.#received(chunk)));
    stream.once('end', () => this.#ended());
    stream.once('close', () => this.#ended());
    stream.on('error', (error: Error) =>
      this.deps.log.debug({ err: error, sessionId: this.sessionId }, 'exec stream error'),
    );
    if (!this.deps.send({ type: 'exec_opened', sessionId: this.sessionId, window: this.#output.window })) {
      this.close('the gateway connection is gone');
      return;
    }
    // Docker sizes the TTY from ConsoleSize only on newer engines; a resize makes it sure.
    if (tty) this.resize(cols, rows);
  }

  stdin(frame: ExecStdinFrame): void {
    const stream = this.#stream;
    if (!stream || this.#closed) return;
    // In order or not at all: a repeat or a gap would garble what the user typed.
    if (frame.seq !== this.#stdinSeq + 1) return;
    this.#stdinSeq = frame.seq;
    if (stream.writableLength > MAX_BUFFERED_STDIN) {
      this.close('the process is not reading its input');
      return;
    }
    const bytes = Buffer.from(frame.data, 'base64');
    void this.#resizing.then(() => {
      if (!this.#closed) stream.write(bytes);
    });
  }

  resize(cols: number, rows: number): void {
    const execId = this.#execId;
    if (!execId || this.#closed || !this.open.tty) return;
    this.#resizing = this.#resizing.then(() =>
      this.deps.docker
        .exec()
        .resize(execId, cols, rows)
        .catch((error: unknown) =>
          this.deps.log.debug({ err: error, sessionId: this.sessionId }, 'exec resize refused'),
        ),
    );
  }

  ack(frame: ExecAckFrame): void {
    if (!this.#output.ack(frame.consumed)) return;
    this.#schedule();
  }

  /** Ends it from this side (gateway asked, connection gone); sends the final exec_close. */
  close(reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#output.discard();
    clearTimeout(this.#timer);
    this.#abort.abort();
    this.#stream?.destroy();
    // Still starting: start() sees #closed and ends the process once it exists.
    if (this.#stream) this.#endProcesses();
    this.deps.onEnded(this.sessionId);
    this.deps.send({ type: 'exec_close', sessionId: this.sessionId, reason, exitCode: null });
  }

  /** Closing the stream does not end the process (Docker has no exec kill): signal it in the container. */
  #endProcesses(): void {
    const execId = this.#execId;
    if (!execId || this.#ending) return;
    const { containerId, user } = this.open;
    this.#ending = endExecProcesses(
      this.deps.docker,
      { containerId, execId, sessionId: this.sessionId, user },
      this.deps.log,
      this.deps.procRoot,
    ).then((ended) => {
      this.deps.log.info(
        { sessionId: this.sessionId, outcome: ended.outcome, via: ended.via },
        'exec session processes ended',
      );
      return ended;
    });
  }

  #received(chunk: Buffer): void {
    if (this.#closed) return;
    this.#output.push(chunk);
    if (this.#output.full()) this.#stream?.pause();
    this.#schedule();
  }

  #schedule(): void {
    if (this.#timer || this.#closed) return;
    if (this.#output.pending === 0) {
      if (this.#streamEnded) void this.#finish();
      return;
    }
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#flush();
    }, this.deps.pacer.reserve());
  }

  #flush(): void {
    if (this.#closed) return;
    const chunk = this.#output.take();
    if (chunk) {
      this.#stdoutSeq += 1;
      const sent = this.deps.send({
        type: 'exec_stdout',
        sessionId: this.sessionId,
        seq: this.#stdoutSeq,
        data: chunk.toString('base64'),
      });
      if (!sent) {
        this.close('the gateway connection is gone');
        return;
      }
    }
    if (!this.#output.full()) this.#stream?.resume();
    // More may go out at once if the window has room; otherwise the next ack schedules it.
    if (this.#output.unacked < this.#output.window) this.#schedule();
  }

  #ended(): void {
    if (this.#streamEnded) return;
    this.#streamEnded = true;
    // What the process wrote last still goes out (within the window) before the close.
    this.#schedule();
  }

  async #finish(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.deps.onEnded(this.sessionId);
    let exitCode: number | null = null;
    let reason = 'the process exited';
    try {
      if (this.#execId) {
        const inspected = await this.deps.docker.exec().inspect(this.#execId);
        exitCode = inspected.Running ? null : inspected.ExitCode;
        if (inspected.Running) {
          reason = 'the stream ended while the process still ran';
          this.#endProcesses();
        }
      }
    } catch (error) {
      reason = `the stream ended (${describe(error)})`;
    }
    this.deps.send({ type: 'exec_close', sessionId: this.sessionId, reason, exitCode });
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message || 'exec failed').slice(0, 900);
}
