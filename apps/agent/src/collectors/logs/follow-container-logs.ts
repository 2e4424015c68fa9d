import type { LogEntry } from '@berth/protocol';
import { nowNs, nsToDockerSince, nsToIso, parseDockerTimeNs } from '../docker/docker-time.js';
import type { DockerEngine } from '../docker/engine-client/docker-engine.js';
import { type DecodedLine, DockerLogDecoder } from './log-decoder.js';
import { type DroppedMarker, LogRateCap } from './log-rate-cap.js';

export type FollowOptions = {
  containerId: string;
  /** Last delivered line's time from a previous follow or agent run; lines at or before it are skipped. */
  resumeNs: bigint | undefined;
  /** Without `resumeNs`: a container created before this time is followed from it, a newer one from its start. */
  notBeforeNs: bigint;
  linesPerSecond: number;
  maxLineBytes: number;
  onEntry: (entry: LogEntry) => void;
};

/** Follows one container's logs until the container stops or `stop()` is called. */
export class ContainerLogFollower {
  readonly #abort = new AbortController();
  readonly #cap: LogRateCap;
  readonly #shortId: string;
  #skipThroughNs = 0n;
  #positionNs: bigint;

  constructor(
    private readonly docker: DockerEngine,
    private readonly options: FollowOptions,
  ) {
    this.#cap = new LogRateCap(options.linesPerSecond);
    this.#shortId = options.containerId.slice(0, 12);
    this.#positionNs = options.resumeNs ?? 0n;
  }

  /** Time of the newest line delivered or dropped by the cap (what a resume starts after). */
  get positionNs(): bigint {
    return this.#positionNs;
  }

  stop(): void {
    this.#abort.abort();
  }

  /**
   * Resolves when the log stream ends: the container stopped, the connection broke (the next
   * inventory sync follows again from the position) or `stop()`. Rejects only when the follow
   * could not start (container gone, log driver that cannot be read).
   */
  async run(): Promise<void> {
    const container = this.docker.container(this.options.containerId);
    const info = await container.inspect(this.#abort.signal);
    this.#skipThroughNs = this.options.resumeNs ?? this.#startNs(info.Created);
    const since = this.#skipThroughNs > 0n ? nsToDockerSince(this.#skipThroughNs) : undefined;
    const stream = await container.logs({ since, signal: this.#abort.signal });
    const decoder = new DockerLogDecoder({
      tty: info.Config.Tty,
      maxLineBytes: this.options.maxLineBytes,
      onLine: (line) => this.#accept(line),
      now: nowNs,
    });
    try {
      await consume(stream, (chunk) => decoder.push(chunk));
    } catch {
      // A broken stream (engine restarted, or our own abort) ends this follow like an end would;
      // aborting makes sure the request is gone whatever broke.
      this.#abort.abort();
    }
    decoder.end();
    this.flushDropped();
  }

  /** Emits markers for lines the cap dropped and not yet reported. */
  flushDropped(): void {
    for (const marker of this.#cap.flush()) this.#emitMarker(marker);
  }

  #startNs(created: string): bigint {
    const createdNs = parseDockerTimeNs(created) ?? 0n;
    return createdNs < this.options.notBeforeNs ? this.options.notBeforeNs : 0n;
  }

  #accept(line: DecodedLine): void {
    if (line.tsNs <= this.#skipThroughNs) return;
    if (line.tsNs > this.#positionNs) this.#positionNs = line.tsNs;
    const { keep, markers } = this.#cap.admit(line.stream, line.tsNs);
    for (const marker of markers) this.#emitMarker(marker);
    if (!keep) return;
    this.options.onEntry({
      containerId: this.#shortId,
      ts: nsToIso(line.tsNs),
      stream: line.stream,
      line: line.line,
    });
  }

  #emitMarker(marker: DroppedMarker): void {
    this.options.onEntry({
      containerId: this.#shortId,
      ts: nsToIso(marker.tsNs),
      stream: marker.stream,
      dropped: marker.dropped,
    });
  }
}

/** Feeds chunks to `onChunk` until the stream ends or closes; rejects on a stream error. */
function consume(stream: NodeJS.ReadableStream, onChunk: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.on('data', (chunk: Buffer | string) => {
      try {
        onChunk(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      } catch (error) {
        reject(error);
      }
    });
    stream.once('end', () => resolve());
    stream.once('close', () => resolve());
    stream.once('error', reject);
  });
}
