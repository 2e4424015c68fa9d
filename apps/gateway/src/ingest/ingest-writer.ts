import { type BatchFrame, countBatchItems } from '@berth/protocol';
import type pg from 'pg';
import type { GatewayLogger } from '../logger.js';
import type { GatewayMetrics } from '../metrics.js';
import { backoffDelay } from './backoff.js';
import { isTransientDbError } from './classify-db-error.js';
import { type BatchOutcome, type GroupBatch, writeGroup } from './write-group.js';

type Pending = GroupBatch & {
  orgId: string;
  items: number;
  resolve: (outcome: BatchOutcome) => void;
  reject: (error: Error) => void;
};

export type IngestWriterOptions = {
  pool: pg.Pool;
  connections: number;
  rowsPerTx: number;
  queueRows: number;
  log: GatewayLogger;
  metrics: GatewayMetrics;
};

export type IngestWriter = {
  /** Resolves once the batch is committed (or found committed before); only then may it be acked. */
  submit(orgId: string, hostId: string, frame: BatchFrame): Promise<BatchOutcome>;
  /** Called with true when queued rows pass the limit (pause sockets) and false when they fall back. */
  onPressure(listener: (paused: boolean) => void): void;
  queuedItems(): number;
  /** Stops taking batches and waits for queued and in-flight ones, up to `timeoutMs`. */
  drain(timeoutMs: number): Promise<boolean>;
};

export class IngestRefusedError extends Error {}

export function createIngestWriter(options: IngestWriterOptions): IngestWriter {
  const queues = new Map<string, Map<string, Pending[]>>();
  const busyHosts = new Set<string>();
  const pressureListeners: ((paused: boolean) => void)[] = [];
  let orgCursor = 0;
  let queued = 0;
  let inFlight = 0;
  let idleWorkers = options.connections;
  let paused = false;
  let closing = false;
  let idleWaiters: (() => void)[] = [];

  function setPressure(): void {
    const next = paused ? queued > options.queueRows / 2 : queued > options.queueRows;
    options.metrics.ingestQueueItems.set(queued);
    if (next === paused) return;
    paused = next;
    options.log.warn(
      { queued, paused },
      paused ? 'ingest lagging: pausing agent sockets' : 'ingest caught up: resuming',
    );
    for (const listener of pressureListeners) listener(paused);
  }

  /** One organisation's ready batches (whole host queues, in seq order) up to rowsPerTx. */
  function takeGroup(): { orgId: string; batches: Pending[] } | undefined {
    const orgIds = [...queues.keys()];
    for (let i = 0; i < orgIds.length; i += 1) {
      const orgId = orgIds[(orgCursor + i) % orgIds.length] ?? '';
      const hosts = queues.get(orgId);
      if (!hosts) continue;
      const batches: Pending[] = [];
      let items = 0;
      for (const [hostId, list] of hosts) {
        if (busyHosts.has(hostId)) continue;
        busyHosts.add(hostId);
        hosts.delete(hostId);
        batches.push(...list);
        items += list.reduce((sum, batch) => sum + batch.items, 0);
        if (items >= options.rowsPerTx) break;
      }
      if (hosts.size === 0) queues.delete(orgId);
      if (batches.length > 0) {
        orgCursor = (orgCursor + i + 1) % Math.max(1, orgIds.length);
        return { orgId, batches };
      }
    }
    return undefined;
  }

  function schedule(): void {
    while (idleWorkers > 0) {
      const group = takeGroup();
      if (!group) break;
      idleWorkers -= 1;
      inFlight += group.batches.length;
      void run(group.orgId, group.batches, 0);
    }
    if (inFlight === 0 && queued === 0) {
      for (const waiter of idleWaiters) waiter();
      idleWaiters = [];
    }
  }

  function finish(batches: Pending[]): void {
    for (const batch of batches) busyHosts.delete(batch.hostId);
    inFlight -= batches.length;
    queued -= batches.reduce((sum, batch) => sum + batch.items, 0);
    idleWorkers += 1;
    setPressure();
    schedule();
  }

  async function run(orgId: string, batches: Pending[], attempt: number): Promise<void> {
    const started = performance.now();
    let client: pg.PoolClient | undefined;
    try {
      client = await options.pool.connect();
      const result = await writeGroup(client, orgId, batches);
      client.release();
      options.metrics.recordWrite(result, (performance.now() - started) / 1000);
      if (result.outOfWindow > 0)
        options.log.warn(
          { orgId, items: result.outOfWindow },
          'dropped items outside the accepted time window',
        );
      for (const [i, batch] of batches.entries()) batch.resolve(result.outcomes[i] ?? 'duplicate');
      finish(batches);
    } catch (error) {
      client?.release(error instanceof Error ? error : true);
      await handleFailure(orgId, batches, attempt, error);
    }
  }

  async function handleFailure(
    orgId: string,
    batches: Pending[],
    attempt: number,
    error: unknown,
  ): Promise<void> {
    options.metrics.writeErrors.inc({ transient: String(isTransientDbError(error)) });
    if (isTransientDbError(error) && !closing) {
      const delay = backoffDelay(attempt, 200, 10_000);
      options.log.warn({ err: error, orgId, attempt, delay }, 'ingest transaction failed; retrying');
      await new Promise((resolve) => setTimeout(resolve, delay));
      return run(orgId, batches, attempt + 1);
    }
    if (batches.length > 1 && !closing) {
      // Isolate the batch at fault: write each alone so one bad batch cannot block the others.
      for (const batch of batches) await writeAlone(orgId, batch);
      finish(batches);
      return;
    }
    for (const batch of batches) batch.reject(asError(error));
    options.log.error(
      { err: error, orgId, seqs: batches.map((b) => b.frame.seq) },
      'ingest transaction failed',
    );
    finish(batches);
  }

  async function writeAlone(orgId: string, batch: Pending): Promise<void> {
    let client: pg.PoolClient | undefined;
    try {
      client = await options.pool.connect();
      const result = await writeGroup(client, orgId, [batch]);
      client.release();
      batch.resolve(result.outcomes[0] ?? 'duplicate');
    } catch (error) {
      client?.release(error instanceof Error ? error : true);
      batch.reject(asError(error));
    }
  }

  return {
    submit(orgId, hostId, frame) {
      if (closing) return Promise.reject(new IngestRefusedError('gateway is draining'));
      return new Promise<BatchOutcome>((resolve, reject) => {
        const items = Math.max(1, countBatchItems(frame));
        const hosts = queues.get(orgId) ?? new Map<string, Pending[]>();
        queues.set(orgId, hosts);
        const list = hosts.get(hostId) ?? [];
        hosts.set(hostId, list);
        list.push({ orgId, hostId, frame, items, resolve, reject });
        queued += items;
        setPressure();
        schedule();
      });
    },
    onPressure(listener) {
      pressureListeners.push(listener);
    },
    queuedItems: () => queued,
    async drain(timeoutMs) {
      closing = true;
      if (inFlight === 0 && queued === 0) return true;
      const idle = new Promise<boolean>((resolve) => idleWaiters.push(() => resolve(true)));
      const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
      return Promise.race([idle, timeout]);
    },
  };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
