import type { GatewayFrame } from '@berth/protocol';
import type { Logger } from '../cli/logger.js';
import type { DockerEngine } from '../collectors/index.js';
import { ExecFramePacer } from './exec-frame-pacer.js';
import { type ExecOutFrame, ExecSession } from './exec-session.js';

/** Terminals open at once per host. */
export const MAX_EXEC_SESSIONS = 4;
/** Output bytes a session may have unacknowledged (docs/exec.md, back-pressure). */
export const EXEC_WINDOW_BYTES = 256 * 1024;
/** Exec output frames of the whole agent: at most 20 a second, well inside the frame limit. */
const FRAME_GAP_MS = 50;

export const EXEC_DISABLED_REASON = 'exec is disabled on this host: start the agent with --allow-exec';
export const EXEC_READ_ONLY_REASON = 'exec is disabled on this host: the agent runs in read-only mode';

export type ExecSessionsOptions = {
  docker: DockerEngine;
  send: (frame: ExecOutFrame) => boolean;
  log: Logger;
  /** `--allow-exec` */
  allowed: boolean;
  readOnly: boolean;
  windowBytes?: number;
  /** The host's /proc as the agent sees it (`--proc-root`): ends processes in images without a shell. */
  procRoot?: string;
};

type ExecFrame = Extract<
  GatewayFrame,
  { type: 'exec_open' | 'exec_stdin' | 'exec_resize' | 'exec_ack' | 'exec_close' }
>;

/**
 * The agent's exec terminals (`exec_*` frames). Off unless the agent was started with
 * `--allow-exec`, and never in read-only mode: then every `exec_open` is refused with the reason,
 * so the console can say why instead of waiting.
 */
export class ExecSessions {
  readonly #sessions = new Map<string, ExecSession>();
  readonly #pacer = new ExecFramePacer(FRAME_GAP_MS);

  constructor(private readonly options: ExecSessionsOptions) {}

  static handles(frame: GatewayFrame): frame is ExecFrame {
    return frame.type.startsWith('exec_');
  }

  handle(frame: ExecFrame): void {
    if (frame.type === 'exec_open') {
      this.#open(frame);
      return;
    }
    const session = this.#sessions.get(frame.sessionId);
    if (!session) return;
    switch (frame.type) {
      case 'exec_stdin':
        session.stdin(frame);
        return;
      case 'exec_resize':
        session.resize(frame.cols, frame.rows);
        return;
      case 'exec_ack':
        session.ack(frame);
        return;
      case 'exec_close':
        session.close(frame.reason || 'closed by Berth');
        return;
    }
  }

  /** The gateway connection is gone: nothing more can reach the far end. */
  closeAll(reason: string): void {
    for (const session of [...this.#sessions.values()]) session.close(reason);
  }

  get(sessionId: string): ExecSession | undefined {
    return this.#sessions.get(sessionId);
  }

  get size(): number {
    return this.#sessions.size;
  }

  #open(frame: Extract<ExecFrame, { type: 'exec_open' }>): void {
    const refuse = (reason: string) =>
      this.options.send({ type: 'exec_error', sessionId: frame.sessionId, reason });
    if (this.options.readOnly) return void refuse(EXEC_READ_ONLY_REASON);
    if (!this.options.allowed) return void refuse(EXEC_DISABLED_REASON);
    if (this.#sessions.has(frame.sessionId)) return;
    if (this.#sessions.size >= MAX_EXEC_SESSIONS)
      return void refuse(`at most ${MAX_EXEC_SESSIONS} exec sessions at once per host`);
    const session = new ExecSession(frame, {
      docker: this.options.docker,
      send: this.options.send,
      pacer: this.#pacer,
      log: this.options.log,
      windowBytes: this.options.windowBytes ?? EXEC_WINDOW_BYTES,
      procRoot: this.options.procRoot,
      onEnded: (sessionId) => {
        if (this.#sessions.get(sessionId) === session) this.#sessions.delete(sessionId);
      },
    });
    this.#sessions.set(frame.sessionId, session);
    this.options.log.info(
      { sessionId: frame.sessionId, containerId: frame.containerId, cmd: frame.cmd },
      'exec session opening',
    );
    void session.start();
  }
}
