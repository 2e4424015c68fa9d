import type { ContainerSample, HostFacts, HostSample, Inventory } from '@berth/protocol';
import { CollectorStateFile } from './collector-state.js';
import {
  type BufferBounds,
  type Collectors,
  type CollectorsOptions,
  DEFAULT_BOUNDS,
  type Drained,
  type HeldCounts,
} from './collector-types.js';
import { EventCollapser } from './docker/collapse-events.js';
import { ContainerStatsCollector } from './docker/container-stats.js';
import { mergeInventory } from './docker/diff-inventory.js';
import { readDockerVersion } from './docker/docker-client.js';
import { type DockerEvent, isRecordedAction, toContainerEvent } from './docker/docker-event-record.js';
import { DockerEventsWatcher, type EventsGap } from './docker/docker-events.js';
import { nowNs } from './docker/docker-time.js';
import { InventoryCollector } from './docker/inventory.js';
import { readHostFacts } from './host/host-facts.js';
import { HostMetricsCollector } from './host/host-metrics.js';
import { ContainerLogCollector } from './logs/container-logs.js';
import { LogBuffer } from './logs/log-buffer.js';
import { BoundedBuffer } from './shared/bounded-buffer.js';

/**
 * The collectors behind one facade: what the batcher drains every interval, and the `refresh`
 * action. Docker events drive log following and inventory freshness between collections.
 */
export function createCollectors(options: CollectorsOptions): Collectors {
  return new CollectorSet(options);
}

const RUNNING_STATES = new Set(['running', 'paused']);
const MAX_GAPS = 100;

class CollectorSet implements Collectors {
  readonly #bounds: BufferBounds;
  readonly #inventory: InventoryCollector;
  readonly #stats: ContainerStatsCollector;
  readonly #host: HostMetricsCollector;
  readonly #stateFile: CollectorStateFile;
  readonly #samples: BoundedBuffer<ContainerSample>;
  readonly #hostSamples: BoundedBuffer<HostSample>;
  readonly #events: EventCollapser;
  readonly #logBuffer: LogBuffer;
  #logs: ContainerLogCollector | undefined;
  #watcher: DockerEventsWatcher | undefined;
  #pendingInventory: Inventory | undefined;
  #gaps: EventsGap[] = [];
  #lastFullAt = 0;
  #fullDue = true;
  #queue: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;
  #started = false;
  #stopped = false;

  constructor(private readonly options: CollectorsOptions) {
    const { docker, logger } = options;
    this.#bounds = { ...DEFAULT_BOUNDS, ...options.bounds };
    this.#inventory = new InventoryCollector(docker, { logger, concurrency: options.inspectConcurrency });
    this.#stats = new ContainerStatsCollector(docker, { logger, concurrency: options.statsConcurrency });
    this.#host = new HostMetricsCollector(options.host ?? {}, logger);
    this.#stateFile = new CollectorStateFile(options.statePath, logger);
    this.#samples = new BoundedBuffer(this.#bounds.containerSamples);
    this.#hostSamples = new BoundedBuffer(this.#bounds.hostSamples);
    this.#events = new EventCollapser(this.#bounds.events);
    this.#logBuffer = new LogBuffer({
      entries: this.#bounds.logs,
      bytes: this.#bounds.logBytes,
      perContainer: this.#bounds.logLinesPerContainer,
    });
  }

  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    const state = await this.#stateFile.load();
    const { docker, logger } = this.options;
    const logs = this.options.logs ?? {};
    if (logs.enabled !== false) {
      this.#logs = new ContainerLogCollector(docker, {
        logger,
        onEntry: (entry) => this.#logBuffer.push(entry),
        linesPerSecond: logs.linesPerSecond,
        maxLineBytes: logs.maxLineBytes,
        maxFollowed: logs.maxFollowed,
        positions: state.logPositions,
        notBeforeNs: nowNs(),
      });
    }
    this.#watcher = new DockerEventsWatcher(docker, {
      logger,
      resumeFrom: state.eventsCursor,
      backoff: this.options.eventsBackoff,
      onEvent: (event) => this.#onEvent(event),
      onGap: (gap) => this.#onGap(gap),
    });
    this.#watcher.start();
    await this.collectNow();
    this.#schedule();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#logs?.stop();
    await this.#watcher?.stop();
    await this.#queue;
    // The state file keeps what the last drain handed over (not later): what was collected but
    // never drained is collected again after a restart.
    await this.#stateFile.flushed();
  }

  drain(): Drained {
    this.#logs?.flushDropped();
    const samples = this.#samples.drain();
    const hostSamples = this.#hostSamples.drain();
    const events = this.#events.drain();
    const logs = this.#logBuffer.drain();
    const inventory = this.#pendingInventory;
    this.#pendingInventory = undefined;
    const eventsGaps = this.#gaps;
    this.#gaps = [];
    void this.#stateFile.save({
      logPositions: this.#logs?.positions() ?? {},
      eventsCursor: this.#watcher?.cursor(),
    });
    return {
      containerSamples: samples.items,
      hostSamples: hostSamples.items,
      inventory,
      events: events.items,
      logs: logs.items,
      eventsGaps,
      dropped: {
        containerSamples: samples.dropped,
        hostSamples: hostSamples.dropped,
        events: events.dropped,
        logs: logs.dropped,
      },
    };
  }

  held(): HeldCounts {
    const logs = this.#logBuffer.held();
    return {
      containerSamples: this.#samples.size,
      hostSamples: this.#hostSamples.size,
      events: this.#events.size,
      logs: logs.entries,
      logBytes: logs.bytes,
    };
  }

  refreshInventory(): Promise<void> {
    return this.#enqueue(() => this.#collectInventory(true).then(() => undefined));
  }

  collectNow(): Promise<void> {
    return this.#enqueue(() => this.#collectAll());
  }

  async hostFacts(): Promise<HostFacts> {
    return readHostFacts(this.options.host ?? {}, await readDockerVersion(this.options.docker));
  }

  /** One collection at a time: a slow engine delays the next one instead of piling them up. */
  #enqueue(task: () => Promise<void>): Promise<void> {
    this.#queue = this.#queue.then(task, task);
    return this.#queue;
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.collectNow()
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'collection failed'))
        .finally(() => this.#schedule());
    }, this.options.intervalMs ?? 10_000);
  }

  async #collectAll(): Promise<void> {
    const full =
      this.#fullDue || Date.now() - this.#lastFullAt >= (this.options.fullInventoryEveryMs ?? 300_000);
    const [running] = await Promise.all([this.#collectInventory(full), this.#collectHost()]);
    if (running === null) return;
    for (const sample of await this.#stats.collect(running)) this.#samples.push(sample);
  }

  /** Ids of containers running (or paused) now, or null when the engine did not answer. */
  async #collectInventory(full: boolean): Promise<string[] | null> {
    try {
      const result = await this.#inventory.collect({ full });
      if (full) {
        this.#lastFullAt = Date.now();
        this.#fullDue = false;
      }
      if (result.inventory) this.#pendingInventory = mergeInventory(this.#pendingInventory, result.inventory);
      if (full) this.#logs?.retain(new Set(result.containers.map((container) => container.id)));
      const live = result.containers.filter((container) => RUNNING_STATES.has(container.state));
      this.#logs?.sync(
        live.filter((container) => container.state === 'running').map((container) => container.id),
      );
      return live.map((container) => container.id);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'inventory collection failed');
      return null;
    }
  }

  async #collectHost(): Promise<void> {
    try {
      this.#hostSamples.push(await this.#host.sample());
    } catch (error) {
      this.options.logger.warn({ err: error }, 'host metrics collection failed');
    }
  }

  #onEvent(event: DockerEvent): void {
    this.#inventory.markDirty(event.containerId);
    const verb = event.action.split(':', 1)[0];
    if (verb === 'start' || verb === 'restart' || verb === 'unpause') this.#logs?.follow(event.containerId);
    if (verb === 'destroy') {
      this.#logs?.forget(event.containerId);
      this.#stats.forget(event.containerId);
    }
    if (isRecordedAction(event.action)) this.#events.add(toContainerEvent(event), event.timeNs);
  }

  #onGap(gap: EventsGap): void {
    this.options.logger.warn(gap, 'docker events may have been missed; taking a full inventory');
    this.#gaps.push(gap);
    if (this.#gaps.length > MAX_GAPS) this.#gaps.shift();
    this.#fullDue = true;
    void this.refreshInventory();
  }
}
