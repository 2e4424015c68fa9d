import type { IncomingMessage } from 'node:http';
import type { EngineTransport } from './engine-transport.js';
import type { ContainerInspect } from './engine-types.js';

/** Largest one-shot stats answer read (one is ~2-5 KiB; more networks or block devices add a little). */
const MAX_STATS_BYTES = 1024 * 1024;

export type LogsOptions = {
  /** Only lines after this time (Docker's `since`, "<seconds>.<nanoseconds>"). */
  since?: string | undefined;
  /** Lines from the end to start with; all when absent. */
  tail?: number | undefined;
  signal?: AbortSignal | undefined;
};

/** One container of the engine, by full id, short id or name. */
export class EngineContainer {
  readonly #path: string;

  constructor(
    private readonly transport: EngineTransport,
    readonly id: string,
  ) {
    this.#path = `/containers/${encodeURIComponent(id)}`;
  }

  inspect(signal?: AbortSignal): Promise<ContainerInspect> {
    return this.transport.json({ path: `${this.#path}/json`, signal });
  }

  /**
   * Followed stdout and stderr with timestamps, raw: multiplexed frames without a TTY, plain
   * bytes with one (`DockerLogDecoder` reads both). Ends when the container stops.
   */
  logs(options: LogsOptions): Promise<IncomingMessage> {
    const { since, tail } = options;
    const query = { follow: true, stdout: true, stderr: true, timestamps: true, since, tail };
    return this.transport.open({ path: `${this.#path}/logs`, query, signal: options.signal });
  }

  /** One reading (`stream=false&one-shot=true`: no second sample 1 s later, so no `precpu_stats`). */
  stats(signal?: AbortSignal): Promise<unknown> {
    const query = { stream: false, 'one-shot': true };
    return this.transport.json({ path: `${this.#path}/stats`, query, signal }, MAX_STATS_BYTES);
  }

  start(): Promise<void> {
    return this.transport.send({ method: 'POST', path: `${this.#path}/start` });
  }

  stop(timeoutS: number): Promise<void> {
    return this.transport.send({ method: 'POST', path: `${this.#path}/stop`, query: { t: timeoutS } });
  }

  restart(timeoutS: number): Promise<void> {
    return this.transport.send({ method: 'POST', path: `${this.#path}/restart`, query: { t: timeoutS } });
  }

  kill(signal: string): Promise<void> {
    return this.transport.send({ method: 'POST', path: `${this.#path}/kill`, query: { signal } });
  }

  pause(): Promise<void> {
    return this.transport.send({ method: 'POST', path: `${this.#path}/pause` });
  }

  unpause(): Promise<void> {
    return this.transport.send({ method: 'POST', path: `${this.#path}/unpause` });
  }

  rename(name: string): Promise<void> {
    return this.transport.send({ method: 'POST', path: `${this.#path}/rename`, query: { name } });
  }

  remove(options: { force: boolean }): Promise<void> {
    return this.transport.send({ method: 'DELETE', path: this.#path, query: { force: options.force } });
  }
}
