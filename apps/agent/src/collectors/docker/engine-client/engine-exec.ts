import type { Duplex } from 'node:stream';
import type { EngineTransport } from './engine-transport.js';

export type ExecCreateOptions = {
  cmd: string[];
  tty: boolean;
  user?: string | undefined;
  /** Initial terminal size, so the first prompt is drawn for the right width. */
  cols: number;
  rows: number;
  /** `NAME=value` entries added to the process's environment (the session marker). */
  env?: string[] | undefined;
  /** Attach stdin (a terminal); default true. */
  stdin?: boolean | undefined;
};

export type ExecInspect = { Running: boolean; ExitCode: number | null; Pid: number };

/** The Engine API's exec endpoints (`POST /containers/{id}/exec`, `/exec/{id}/…`). */
export class EngineExec {
  constructor(private readonly transport: EngineTransport) {}

  async create(containerId: string, options: ExecCreateOptions): Promise<string> {
    const created = await this.transport.json<{ Id: string }>({
      method: 'POST',
      path: `/containers/${encodeURIComponent(containerId)}/exec`,
      body: {
        AttachStdin: options.stdin ?? true,
        AttachStdout: true,
        AttachStderr: true,
        Tty: options.tty,
        Cmd: options.cmd,
        ConsoleSize: [options.rows, options.cols],
        ...(options.user ? { User: options.user } : {}),
        ...(options.env?.length ? { Env: options.env } : {}),
      },
    });
    return created.Id;
  }

  /** Starts it attached: the socket carries stdin one way and the output the other. */
  start(execId: string, tty: boolean, signal?: AbortSignal): Promise<Duplex> {
    return this.transport.upgrade({
      method: 'POST',
      path: `/exec/${encodeURIComponent(execId)}/start`,
      body: { Detach: false, Tty: tty },
      signal,
    });
  }

  resize(execId: string, cols: number, rows: number): Promise<void> {
    return this.transport.send({
      method: 'POST',
      path: `/exec/${encodeURIComponent(execId)}/resize`,
      query: { w: cols, h: rows },
    });
  }

  inspect(execId: string): Promise<ExecInspect> {
    return this.transport.json({ path: `/exec/${encodeURIComponent(execId)}/json` });
  }
}
