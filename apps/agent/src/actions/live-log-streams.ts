import { LIMITS, type LiveLogEntry, type LogLinesFrame, type LogsFollowFrame } from '@berth/protocol';
import type { Logger } from '../cli/logger.js';
import { type DockerEngine, DockerLogDecoder, nowNs, nsToIso } from '../collectors/index.js';
import { BoundedBuffer } from '../collectors/shared/bounded-buffer.js';

/** Streams at once per agent; each flushes at most twice a second, inside the frame rate. */
const MAX_STREAMS = 5;
const FLUSH_MS = 500;
const MAX_LINES_PER_FRAME = 1000;
/** Characters of line text per frame: well inside the protocol's 4 MiB frame. */
const MAX_CHARS_PER_FRAME = 1024 * 1024;
/**
 * What one stream holds between flushes. A container writing faster than two frames a second
 * carry loses the oldest lines, counted and reported as a `dropped` entry in the next frame.
 */
const MAX_PENDING_LINES = 2 * MAX_LINES_PER_FRAME;
const MAX_PENDING_CHARS = 2 * MAX_CHARS_PER_FRAME;

type LiveLine = Extract<LiveLogEntry, { line: string }>;
type Dropped = { count: number; ts: string; stream: LiveLine['stream'] };
type Stream = {
  abort: AbortController;
  pending: BoundedBuffer<LiveLine>;
  /** Lines evicted or not sent since the last frame that went out. */
  dropped: Dropped | undefined;
  timer: NodeJS.Timeout;
};

/**
 * On-demand live logs (`logs_follow`): follows one container's output and sends it in
 * `log_lines` frames until `logs_stop`, the container stopping, or the agent closing.
 */
export class LiveLogStreams {
  readonly #streams = new Map<string, Stream>();

  constructor(
    private readonly docker: DockerEngine,
    /** False when the frame could not go out (no session, or the socket is backed up). */
    private readonly send: (frame: LogLinesFrame) => boolean,
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
      pending: new BoundedBuffer<LiveLine>(MAX_PENDING_LINES, (line) => countDropped(stream, line, 1), {
        max: MAX_PENDING_CHARS,
        of: (line) => line.line.length,
      }),
      dropped: undefined,
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

  /** What the streams hold now (tests: each stays within its bound). */
  held(): { streams: number; lines: number; chars: number } {
    let lines = 0;
    let chars = 0;
    for (const stream of this.#streams.values()) {
      const held = stream.pending.held();
      lines += held.items;
      chars += held.weight;
    }
    return { streams: this.#streams.size, lines, chars };
  }

  /** One frame of the oldest pending lines (after a `dropped` entry if lines were lost). */
  #flush(streamId: string): void {
    const stream = this.#streams.get(streamId);
    if (!stream || (stream.pending.size === 0 && !stream.dropped)) return;
    const { items } = stream.pending.drain();
    let chars = 0;
    let take = 0;
    while (take < items.length && take < MAX_LINES_PER_FRAME && chars < MAX_CHARS_PER_FRAME) {
      chars += (items[take] as LiveLine).line.length;
      take += 1;
    }
    // What does not fit this frame waits for the next one (within the pending bounds).
    for (const line of items.slice(take)) stream.pending.push(line);
    const dropped = stream.dropped;
    const lines: LiveLogEntry[] = items.slice(0, take);
    if (dropped) lines.unshift({ ts: dropped.ts, stream: dropped.stream, dropped: dropped.count });
    if (this.send({ type: 'log_lines', streamId, lines })) {
      stream.dropped = undefined;
    } else {
      // Not sent (no session, or the socket is backed up): the lines are gone, and counted.
      stream.dropped = undefined;
      for (const line of items.slice(0, take)) countDropped(stream, line, 1);
      if (dropped) countDropped(stream, { ts: dropped.ts, stream: dropped.stream, line: '' }, dropped.count);
    }
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

function countDropped(stream: Stream, line: LiveLine, count: number): void {
  const known = stream.dropped;
  if (known) {
    known.count += count;
    if (line.ts > known.ts) known.ts = line.ts;
  } else {
    stream.dropped = { count, ts: line.ts, stream: line.stream };
  }
}
