import type {
  ContainerEvent,
  ContainerSample,
  HostFacts,
  HostSample,
  Inventory,
  LogEntry,
} from '@berth/protocol';
import type { Logger } from '../cli/logger.js';
import type { Backoff } from '../shared/compute-backoff-delay.js';
import type { EventsGap } from './docker/docker-events.js';
import type { DockerEngine } from './docker/engine-client/docker-engine.js';
import type { HostPaths } from './host/host-paths.js';

export type BufferBounds = {
  containerSamples: number;
  hostSamples: number;
  events: number;
  logs: number;
  /** Characters of log text held between drains (plus 64 per entry for the entry itself). */
  logBytes: number;
  /** Log lines one container may add between drains; the rest are counted as dropped. */
  logLinesPerContainer: number;
};

/** Items each buffer discarded since the previous drain. */
export type DroppedCounts = Pick<BufferBounds, 'containerSamples' | 'hostSamples' | 'events' | 'logs'>;

/** What the buffers hold right now (tests and diagnostics: every one stays within its bound). */
export type HeldCounts = DroppedCounts & { logBytes: number };

/** Together below the protocol's 20 000 items per batch, leaving room for inventory. */
export const DEFAULT_BOUNDS: BufferBounds = {
  containerSamples: 4_000,
  hostSamples: 100,
  events: 2_000,
  logs: 10_000,
  // 4 MiB of text: a burst of long lines costs at most this, whatever the line count.
  logBytes: 4 * 1024 * 1024,
  // 200 lines a second (the rate cap) over the default 10 s interval.
  logLinesPerContainer: 2_000,
};

export type CollectorsOptions = {
  docker: DockerEngine;
  logger: Logger;
  /** The collectors' state file (log positions, events cursor), e.g. `<stateDir>/collectors.json`. */
  statePath: string;
  /** Stats, host metrics and inventory every this many ms. Default 10 000. */
  intervalMs?: number;
  /** A full inventory snapshot (and re-inspect of every container) at least this often. Default 300 000. */
  fullInventoryEveryMs?: number;
  /** One-shot stats requests in flight at once (they wait for dockerd's 1 s collector pass). Default 64. */
  statsConcurrency?: number;
  /** Inspect requests in flight at once. Default 4. */
  inspectConcurrency?: number;
  logs?: { enabled?: boolean; linesPerSecond?: number; maxLineBytes?: number; maxFollowed?: number };
  host?: HostPaths;
  bounds?: Partial<BufferBounds>;
  eventsBackoff?: Partial<Backoff>;
};

/** Everything collected since the previous drain. */
export type Drained = {
  containerSamples: ContainerSample[];
  hostSamples: HostSample[];
  /** Absent when nothing changed; a full snapshot after start, refresh, an events gap and periodically. */
  inventory: Inventory | undefined;
  events: ContainerEvent[];
  logs: LogEntry[];
  /** Windows in which Docker events may have been missed (a full inventory follows). */
  eventsGaps: EventsGap[];
  /** Items the bounded buffers discarded (oldest first) since the previous drain. */
  dropped: DroppedCounts;
};

export type Collectors = {
  /** Loads the state file, follows Docker events, collects once and then every interval. */
  start(): Promise<void>;
  stop(): Promise<void>;
  drain(): Drained;
  /** A full inventory snapshot now (the `refresh` action); resolves when it is buffered. */
  refreshInventory(): Promise<void>;
  /** One collection now (stats, host, inventory). */
  collectNow(): Promise<void>;
  hostFacts(): Promise<HostFacts>;
  /** What the bounded buffers hold now. */
  held(): HeldCounts;
};
