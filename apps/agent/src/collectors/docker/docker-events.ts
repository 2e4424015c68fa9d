import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LogFields, Logger } from '../../cli/logger.js';
import { type Backoff, computeBackoffDelay, DEFAULT_BACKOFF } from '../../shared/compute-backoff-delay.js';
import { readLines } from '../shared/read-lines.js';
import { type DockerEvent, parseDockerEventLine } from './docker-event-record.js';
import { nowNs, nsToDockerSince, nsToIso } from './docker-time.js';
import type { DockerEngine } from './engine-client/docker-engine.js';
import { RecentKeys } from './recent-keys.js';

/** Where to resume: the last event seen (persist it to resume across agent restarts). */
export type EventCursor = { timeNs: string; key: string };

/**
 * Events may have been missed between `from` and `to`: the engine no longer held the cursor's
 * event (it keeps its last 256 events in memory, none across a restart). The caller should take
 * a full inventory.
 */
export type EventsGap = { from: string; to: string; reason: 'engine_forgot_cursor' | 'probe_failed' };

export type DockerEventsOptions = {
  logger: Logger;
  /** Every container event once (replays after a reconnect are dropped), in engine order. */
  onEvent: (event: DockerEvent) => void;
  onGap: (gap: EventsGap) => void;
  /** After each resume, once the engine said whether it still held the cursor's event. */
  onResumeChecked?: (result: { from: string; continuous: boolean }) => void;
  resumeFrom?: EventCursor | undefined;
  backoff?: Partial<Backoff>;
  /** Recent event keys remembered to drop replays (≥ the events of one replay margin). Default 1024. */
  dedupCapacity?: number;
};

const FILTERS = JSON.stringify({ type: ['container'] });
/**
 * Resume this far before the last event: events are stamped before they are published, so one
 * stamped a little earlier can arrive after it. Replays inside the margin are dropped as repeats.
 */
const REPLAY_MARGIN_NS = 1_000_000_000n;
/** A connection that lived this long was healthy: the next failure starts the backoff afresh. */
const HEALTHY_CONNECTION_MS = 10_000;

/**
 * Follows `GET /events?filters={"type":["container"]}` and reconnects with capped, jittered
 * backoff when the engine goes away. Reconnects resume with `since` = last event time − 1 s
 * (inclusive on the engine side; what comes again is dropped by its key), and a bounded probe
 * (`since`…`until=now`) checks that the engine still held the last event: it keeps only its last
 * 256 events, none across its own restart. If it did not, `onGap` reports the window.
 */
export class DockerEventsWatcher {
  readonly #abort = new AbortController();
  readonly #recent: RecentKeys;
  readonly #backoff: Backoff;
  #cursor: { timeNs: bigint; key: string } | undefined;
  #floorNs = 0n;
  #running: Promise<void> | undefined;
  #stream: Readable | undefined;

  constructor(
    private readonly docker: DockerEngine,
    private readonly options: DockerEventsOptions,
  ) {
    this.#recent = new RecentKeys(options.dedupCapacity ?? 1024);
    this.#backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    const resume = options.resumeFrom;
    if (resume && /^\d+$/.test(resume.timeNs)) {
      this.#cursor = { timeNs: BigInt(resume.timeNs), key: resume.key };
      // Across an agent restart the events before the cursor were delivered by the previous run,
      // and which of them it saw is not known: the replay margin applies to reconnects only.
      this.#floorNs = this.#cursor.timeNs;
      this.#recent.seen(resume.key);
    }
  }

  start(): void {
    this.#running ??= this.#loop();
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    this.#stream?.destroy();
    await this.#running;
  }

  cursor(): EventCursor | undefined {
    return this.#cursor && { timeNs: this.#cursor.timeNs.toString(), key: this.#cursor.key };
  }

  async #loop(): Promise<void> {
    let attempt = 0;
    while (!this.#abort.signal.aborted) {
      const openedAt = Date.now();
      try {
        await this.#follow();
        this.#log('warn', { attempt }, 'docker events stream ended');
      } catch (error) {
        this.#log('warn', { err: error, attempt }, 'docker events stream failed');
      }
      if (Date.now() - openedAt >= HEALTHY_CONNECTION_MS) attempt = 0;
      const delay = computeBackoffDelay(attempt, this.#backoff);
      attempt += 1;
      await sleep(delay, undefined, { signal: this.#abort.signal }).catch(() => undefined);
    }
  }

  async #follow(): Promise<void> {
    const resumeFrom = this.#cursor;
    const since = resumeFrom ? nsToDockerSince(resumeFrom.timeNs - REPLAY_MARGIN_NS) : undefined;
    const stream = await this.docker.events({ filters: FILTERS, since }, this.#abort.signal);
    this.#stream = stream;
    if (resumeFrom) void this.#checkContinuity(resumeFrom);
    await readLines(stream, (line) => {
      const event = parseDockerEventLine(line);
      if (event) this.#accept(event);
    });
  }

  #accept(event: DockerEvent): void {
    if (event.timeNs < this.#floorNs || this.#recent.seen(event.key)) return;
    if (!this.#cursor || event.timeNs >= this.#cursor.timeNs)
      this.#cursor = { timeNs: event.timeNs, key: event.key };
    this.options.onEvent(event);
  }

  /** Asks the engine for what it still holds since the cursor; the cursor's own event must be among it. */
  async #checkContinuity(from: { timeNs: bigint; key: string }): Promise<void> {
    const untilNs = nowNs();
    const gap = (reason: EventsGap['reason']): EventsGap => ({
      from: nsToIso(from.timeNs),
      to: nsToIso(untilNs),
      reason,
    });
    try {
      const query = {
        filters: FILTERS,
        since: nsToDockerSince(from.timeNs - REPLAY_MARGIN_NS),
        until: nsToDockerSince(untilNs),
      };
      const stream = await this.docker.events(query, this.#abort.signal);
      let found = false;
      await readLines(stream, (line) => {
        if (found || parseDockerEventLine(line)?.key !== from.key) return;
        found = true;
        stream.destroy();
      });
      if (this.#abort.signal.aborted) return;
      if (!found) this.options.onGap(gap('engine_forgot_cursor'));
      this.options.onResumeChecked?.({ from: nsToIso(from.timeNs), continuous: found });
    } catch (error) {
      if (this.#abort.signal.aborted) return;
      this.#log('warn', { err: error }, 'docker events continuity probe failed');
      this.options.onGap(gap('probe_failed'));
      this.options.onResumeChecked?.({ from: nsToIso(from.timeNs), continuous: false });
    }
  }

  #log(level: 'warn', fields: LogFields, message: string): void {
    if (!this.#abort.signal.aborted) this.options.logger[level](fields, message);
  }
}
