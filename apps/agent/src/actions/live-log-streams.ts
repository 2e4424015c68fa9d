import { LIMITS, type LiveLogEntry, type LogLinesFrame, type LogsFollowFrame } from '@berth/protocol';
import type { Logger } from '../cli/logger.js';
import { type DockerEngine, DockerLogDecoder, nowNs, nsToIso } from '../collectors/index.js';

/** Streams at once per agent; each flushes at most twice a second, inside the frame rate. */
const MAX_STREAMS = 5;
const FLUSH_MS = 500;
const MAX_LINES_PER_FRAME = 1000;

type Stream = { abort: AbortController; pending: LiveLogEntry[]; timer: NodeJS.Timeout };

/**
 * On-demand live logs (`logs_follow`): follows one container's output and sends it in
 * `log_lines` frames until `logs_stop`, the container stopping, or the agent closing.
 */
export class LiveLogStreams {
  readonly #streams = new Map<string, Stream>();

  constructor(
    private readonly docker: DockerEngine,
    private readonly send: (frame: LogLinesFrame) => void,
    private readonly logger: Logger,
  ) {}

  async follow(frame: LogsFollowFrame): Promise<void> {
    if (this.#streams.has(frame.streamId)) return;
    if (this.#streams.size >= MAX_STREAMS) {
      this.send({
        type: 'log_lines',
        streamId: frame.streamId,
        lines: [],
        ended: true,
        error: `at most ${MAX_STREAMS} live log streams per host`,
      });
      return;
    }
    const stream: Stream = {
      abort: new AbortController(),
      pending: [],
      timer: setInterval(() => this.#flush(frame.streamId), FLUSH_MS),
    };
    this.#streams.set(frame.streamId, stream);
    try {
      const container = this.docker.container(frame.containerId);
      const info = await container.inspect();
      const decoder = new DockerLogDecoder({
        tty: info.Config.Tty,
        maxLineBytes: LIMITS.maxLogLineBytes - 64,
        now: nowNs,
        onLine: (line) => {
          stream.pending.push({ ts: nsToIso(line.tsNs), stream: line.stream, line: line.line });
          if (stream.pending.length >= MAX_LINES_PER_FRAME) this.#flush(frame.streamId);
        },
      });
      const body = await container.logs({ tail: frame.tail ?? 0, signal: stream.abort.signal });
      body.on('data', (chunk: Buffer) => decoder.push(chunk));
      body.on('end', () => {
        decoder.end();
        this.#finish(frame.streamId);
      });
      body.on('error', (error: Error) =>
        this.#finish(frame.streamId, stream.abort.signal.aborted ? undefined : error.message),
      );
    } catch (error) {
      this.#finish(frame.streamId, error instanceof Error ? error.message : String(error));
    }
  }

  stop(streamId: string): void {
    const stream = this.#streams.get(streamId);
    if (!stream) return;
    stream.abort.abort();
    this.#finish(streamId);
  }

  stopAll(): void {
    for (const streamId of [...this.#streams.keys()]) this.stop(streamId);
  }

  #flush(streamId: string): void {
    const stream = this.#streams.get(streamId);
    if (!stream || stream.pending.length === 0) return;
    this.send({ type: 'log_lines', streamId, lines: stream.pending.splice(0, MAX_LINES_PER_FRAME) });
  }

  #finish(streamId: string, error?: string): void {
    const stream = this.#streams.get(streamId);
    if (!stream) return;
    this.#flush(streamId);
    clearInterval(stream.timer);
    this.#streams.delete(streamId);
    if (error) this.logger.warn({ streamId, error }, 'live log stream failed');
    this.send({
      type: 'log_lines',
      streamId,
      lines: [],
      ended: true,
      ...(error ? { error: error.slice(0, 500) } : {}),
    });
  }
}
