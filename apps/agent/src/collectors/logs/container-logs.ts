import type { LogEntry } from '@berth/protocol';
import { LIMITS } from '@berth/protocol';
import type { Logger } from '../../cli/logger.js';
import { nowNs } from '../docker/docker-time.js';
import type { DockerEngine } from '../docker/engine-client/docker-engine.js';
import { ContainerLogFollower } from './follow-container-logs.js';

export type ContainerLogsOptions = {
  logger: Logger;
  onEntry: (entry: LogEntry) => void;
  /** Lines per second per container before lines are dropped and counted. Default 200. */
  linesPerSecond?: number;
  /** Default: the protocol's maximum (16 KiB). */
  maxLineBytes?: number;
  /** Containers followed at once (each is one open request to dockerd). Default 200. */
  maxFollowed?: number;
  /** Saved positions (full id → last delivered line time in ns) from the state file. */
  positions?: Readonly<Record<string, string>>;
  /**
   * Containers created before this time and without a saved position are followed from it, not
   * from their first line, so a first agent start does not upload every container's history.
   * Default: now.
   */
  notBeforeNs?: bigint;
};

type Active = { follower: ContainerLogFollower; refollow: boolean };

/**
 * After a failed follow (e.g. a log driver that cannot be read back, like `none` or `syslog`
 * without dual logging), inventory syncs leave the container alone this long.
 */
const RETRY_AFTER_FAILURE_MS = 60_000;

/**
 * Follows the logs of running containers: `follow` when one starts (event or inventory), the
 * follow ends by itself when it stops. Positions survive a restart of a container (in memory) and
 * of the agent (through `positions()` → state file), so no line is delivered twice.
 */
export class ContainerLogCollector {
  readonly #active = new Map<string, Active>();
  readonly #positions = new Map<string, bigint>();
  readonly #failedAt = new Map<string, number>();
  readonly #notBeforeNs: bigint;
  #warnedFull = false;
  #stopped = false;

  constructor(
    private readonly docker: DockerEngine,
    private readonly options: ContainerLogsOptions,
  ) {
    this.#notBeforeNs = options.notBeforeNs ?? nowNs();
    for (const [id, ns] of Object.entries(options.positions ?? {})) {
      if (/^\d+$/.test(ns)) this.#positions.set(id, BigInt(ns));
    }
  }

  get followed(): number {
    return this.#active.size;
  }

  /** Starts following `containerId` (full id) unless it is already followed. */
  follow(containerId: string): void {
    if (this.#stopped) return;
    const active = this.#active.get(containerId);
    if (active) {
      // The previous run may be ending (die → start): follow again once it has.
      active.refollow = true;
      return;
    }
    if (this.#active.size >= (this.options.maxFollowed ?? 200)) {
      if (!this.#warnedFull)
        this.options.logger.warn({ max: this.options.maxFollowed }, 'log follow limit reached');
      this.#warnedFull = true;
      return;
    }
    this.#start(containerId);
  }

  /** Follows every id in `running` that is not followed yet (and did not just fail). */
  sync(running: readonly string[]): void {
    const now = Date.now();
    for (const id of running) {
      if (this.#active.has(id) || now - (this.#failedAt.get(id) ?? 0) < RETRY_AFTER_FAILURE_MS) continue;
      this.follow(id);
    }
  }

  /** The container is gone: stop following and drop its position. */
  forget(containerId: string): void {
    this.#active.get(containerId)?.follower.stop();
    this.#active.delete(containerId);
    this.#positions.delete(containerId);
    this.#failedAt.delete(containerId);
  }

  /** Drops positions of containers not in `existing` (a full inventory), e.g. destroyed during an events gap. */
  retain(existing: ReadonlySet<string>): void {
    for (const id of this.#positions.keys()) if (!existing.has(id)) this.#positions.delete(id);
    for (const id of this.#failedAt.keys()) if (!existing.has(id)) this.#failedAt.delete(id);
  }

  /** Emits pending dropped-line markers of every follower (before a drain). */
  flushDropped(): void {
    for (const { follower } of this.#active.values()) follower.flushDropped();
  }

  /** Full id → last delivered line time (ns, decimal), for the state file. */
  positions(): Record<string, string> {
    const positions: Record<string, string> = {};
    for (const [id, ns] of this.#positions) positions[id] = ns.toString();
    for (const [id, { follower }] of this.#active) {
      if (follower.positionNs > 0n) positions[id] = follower.positionNs.toString();
    }
    return positions;
  }

  stop(): void {
    this.#stopped = true;
    for (const { follower } of this.#active.values()) follower.stop();
  }

  #start(containerId: string): void {
    const follower = new ContainerLogFollower(this.docker, {
      containerId,
      resumeNs: this.#positions.get(containerId),
      notBeforeNs: this.#notBeforeNs,
      linesPerSecond: this.options.linesPerSecond ?? 200,
      maxLineBytes: this.options.maxLineBytes ?? LIMITS.maxLogLineBytes,
      onEntry: this.options.onEntry,
    });
    const active: Active = { follower, refollow: false };
    this.#active.set(containerId, active);
    follower
      .run()
      .then(() => this.#failedAt.delete(containerId))
      .catch((error: unknown) => {
        this.#failedAt.set(containerId, Date.now());
        this.options.logger.debug({ containerId, err: error }, 'log follow ended with an error');
      })
      .finally(() => this.#ended(containerId, active));
  }

  #ended(containerId: string, active: Active): void {
    if (this.#active.get(containerId) !== active) return;
    if (active.follower.positionNs > 0n) this.#positions.set(containerId, active.follower.positionNs);
    this.#active.delete(containerId);
    if (active.refollow && !this.#stopped) this.#start(containerId);
  }
}
