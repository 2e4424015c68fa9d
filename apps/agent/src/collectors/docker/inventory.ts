import { createHash } from 'node:crypto';
import type { Inventory, InventoryContainer } from '@berth/protocol';
import { ZInventoryContainerSchema } from '@berth/protocol';
import type { Logger } from '../../cli/logger.js';
import { mapWithConcurrency } from '../shared/map-with-concurrency.js';
import { diffInventory } from './diff-inventory.js';
import type { DockerEngine } from './engine-client/docker-engine.js';
import { engineStatusCode } from './engine-client/engine-error.js';
import type { ContainerInspect, ContainerSummary } from './engine-client/engine-types.js';
import { type ImageFacts, toImageFacts } from './image-facts.js';
import { toInventoryContainer } from './map-inventory.js';

export type InventoryOptions = {
  logger: Logger;
  /** Inspect requests in flight at once. Default 4. */
  concurrency?: number;
  timeoutMs?: number;
};

export type InventoryResult = {
  /** Every container the engine knows, running or not. */
  containers: InventoryContainer[];
  /** Full snapshot, or the changes since the previous collection; null when nothing changed. */
  inventory: Inventory | null;
};

type Cached = { fingerprint: string; record: InventoryContainer };

/**
 * `docker ps -a` + `docker inspect`. Inspecting 50 containers every interval would cost more than
 * everything else together, so an inspect is reused while the container's list entry looks the
 * same; Docker events mark containers dirty (a restart between two polls can leave the list entry
 * unchanged), and a full collection re-inspects everything.
 */
export class InventoryCollector {
  readonly #cache = new Map<string, Cached>();
  /** Image id → its facts; an image's repo digests change rarely (a pull under another name). */
  readonly #images = new Map<string, Promise<ImageFacts | null>>();
  #dirty = new Set<string>();
  #previous: Map<string, InventoryContainer> | null = null;

  constructor(
    private readonly docker: DockerEngine,
    private readonly options: InventoryOptions,
  ) {}

  /** Re-inspect this container (full or short id) at the next collection. */
  markDirty(containerId: string): void {
    this.#dirty.add(containerId.slice(0, 12));
  }

  /** `full`: report a full snapshot and re-inspect everything. The first collection is always full. */
  async collect({ full }: { full: boolean }): Promise<InventoryResult> {
    const dirty = this.#dirty;
    this.#dirty = new Set();
    try {
      return await this.#collect(full || this.#previous === null, dirty);
    } catch (error) {
      for (const id of dirty) this.#dirty.add(id);
      throw error;
    }
  }

  async #collect(full: boolean, dirty: ReadonlySet<string>): Promise<InventoryResult> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 10_000);
    // A full collection re-reads images too, so a repo digest added since is reported.
    if (full) this.#images.clear();
    const summaries = await this.docker.listContainers({ all: true, signal: timeout });
    const records = await mapWithConcurrency(summaries, this.options.concurrency ?? 4, (summary) =>
      this.#record(summary, full || dirty.has(summary.Id.slice(0, 12))),
    );
    const containers = records.filter((record): record is InventoryContainer => record !== null);
    const present = new Set(summaries.map((summary) => summary.Id));
    for (const id of this.#cache.keys()) if (!present.has(id)) this.#cache.delete(id);
    const images = new Set(containers.map((container) => container.imageId));
    for (const id of this.#images.keys()) if (!images.has(id)) this.#images.delete(id);
    const inventory =
      full || this.#previous === null
        ? { full: true, containers, removed: [] }
        : diffInventory(this.#previous, containers);
    this.#previous = new Map(containers.map((container) => [container.id, container]));
    return { containers, inventory };
  }

  async #record(summary: ContainerSummary, force: boolean): Promise<InventoryContainer | null> {
    const fingerprint = listFingerprint(summary);
    const cached = this.#cache.get(summary.Id);
    if (!force && cached?.fingerprint === fingerprint) return cached.record;
    const info = await this.#inspect(summary.Id);
    if (info === 'gone') return null;
    // A failed inspect keeps the last good record rather than reporting the container as removed.
    if (info === 'failed') return cached?.record ?? null;
    const image = await this.#imageFacts(info.Image);
    const parsed = ZInventoryContainerSchema.safeParse(toInventoryContainer(summary, info, image));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.options.logger.warn(
        { containerId: summary.Id, path: issue?.path, issue: issue?.message },
        'container skipped: record outside the protocol',
      );
      return null;
    }
    this.#cache.set(summary.Id, { fingerprint, record: parsed.data });
    return parsed.data;
  }

  /** Null when the image cannot be read (removed under a running container): facts left out. */
  #imageFacts(imageId: string): Promise<ImageFacts | null> {
    let facts = this.#images.get(imageId);
    if (!facts) {
      facts = this.docker
        .inspectImage(imageId, AbortSignal.timeout(this.options.timeoutMs ?? 10_000))
        .then(toImageFacts)
        .catch((error: unknown) => {
          this.#images.delete(imageId);
          if (engineStatusCode(error) !== 404)
            this.options.logger.warn({ imageId, err: error }, 'image inspect failed');
          return null;
        });
      this.#images.set(imageId, facts);
    }
    return facts;
  }

  async #inspect(id: string): Promise<ContainerInspect | 'gone' | 'failed'> {
    try {
      const signal = AbortSignal.timeout(this.options.timeoutMs ?? 10_000);
      return await this.docker.container(id).inspect(signal);
    } catch (error) {
      // 404: removed between list and inspect; it will be gone from the next list too.
      if (engineStatusCode(error) === 404) return 'gone';
      this.options.logger.warn({ containerId: id, err: error }, 'inspect failed');
      return 'failed';
    }
  }
}

/**
 * What the list entry says that an inspect would also change: state, the non-age part of Status
 * ("Up 5 minutes (healthy)" → "Up(healthy)", "Exited (3) 2 hours ago" → "Exited(3)"), image,
 * names, labels, ports. Kept per container between collections as a 27-character digest rather
 * than the text, which repeats every label and port the cached record already holds.
 */
export function listFingerprint(summary: ContainerSummary): string {
  const status = summary.Status ?? '';
  const statusKey = `${status.split(' ')[0] ?? ''}${(status.match(/\([^)]*\)/g) ?? []).join('')}`;
  const text = [
    summary.State,
    statusKey,
    summary.ImageID,
    (summary.Names ?? []).join(','),
    JSON.stringify(summary.Labels ?? {}),
    JSON.stringify(summary.Ports ?? []),
  ].join('|');
  return createHash('sha1').update(text).digest('base64url');
}
