import { toColumnarBatch } from '../columnar-batch.js';
import type { BatchFrame, BatchGap } from '../schemas/batch.js';
import type { ContainerEvent, HealthResult, LogEntry } from '../schemas/container-records.js';
import type { InventoryContainer } from '../schemas/inventory.js';
import type { ContainerSample, HostSample } from '../schemas/samples.js';
import { createRandom, type Random } from './random.js';

export type BatchFrameOptions = {
  seq?: number;
  /** Containers on the host; each gets a sample per batch. Default 20. */
  containers?: number;
  /** Log lines per container; the last container also gets a `dropped` marker when > 0. Default 2. */
  logLinesPerContainer?: number;
  /** Docker events in the batch. Default 3. */
  events?: number;
  /** `full` lists every container, `none` leaves inventory out. Default `full`. */
  inventory?: 'full' | 'none';
  gap?: BatchGap;
  /** Varies ids and values; the same seed names the same containers in every batch. Default 1. */
  seed?: number;
  /** Epoch ms that batch 0 would have; batch `seq` is 10 s per seq later. Default 2025-01-01. */
  baseTime?: number;
};

const BASE_TIME = Date.parse('2025-01-01T00:00:00.000Z');
const IMAGES = ['nginx:1.27', 'postgres:16.4', 'redis:7.4-alpine', 'ghcr.io/acme/api:2.3.1', 'traefik:v3.1'];
const SERVICES = ['web', 'db', 'cache', 'api', 'proxy', 'worker', 'cron'];

/** Full 64-hex id of container `index` for a seed; the short id is its first 12 characters. */
export function containerIdAt(seed: number, index: number): string {
  return createRandom(seed * 7919 + index * 104_729 + 1).hex(64);
}

/** A realistic batch: Docker-CLI-shaped samples, compose labels, a few events, logs, health checks. */
export function makeBatchFrame(options: BatchFrameOptions = {}): BatchFrame {
  const { seq = 1, containers = 20, logLinesPerContainer = 2, events = 3, seed = 1 } = options;
  const rng = createRandom(seed * 31 + seq);
  const at = (options.baseTime ?? BASE_TIME) + seq * 10_000;
  const ids = Array.from({ length: containers }, (_, index) => containerIdAt(seed, index));
  const frame: BatchFrame = {
    type: 'batch',
    seq,
    sentAt: iso(at + 250),
    containerSamples: ids.map((id, index) => makeContainerSample(rng, id, at, index)),
    hostSamples: [makeHostSample(rng, at)],
    events: ids.slice(0, events).map((id, index) => makeEvent(id, at, index)),
    logs: ids.flatMap((id) => makeLogs(rng, id, at, logLinesPerContainer)),
    health: ids.filter((_, index) => index % 3 === 0).map((id) => makeHealth(id, at)),
  };
  const last = ids.at(-1);
  if (last && logLinesPerContainer > 0) {
    frame.logs.push({ containerId: last.slice(0, 12), ts: iso(at + 999), stream: 'stderr', dropped: 17 });
  }
  if (options.inventory !== 'none') {
    frame.inventory = {
      full: true,
      containers: ids.map((id, index) => makeInventoryContainer(id, index, at)),
      removed: [],
    };
  }
  if (options.gap) frame.gap = options.gap;
  return frame;
}

/** makeBatchFrame's batch with its container samples and log entries sent as columns (the `columnar` encoding). */
export function makeColumnarBatchFrame(options: BatchFrameOptions = {}): BatchFrame {
  return toColumnarBatch(makeBatchFrame(options));
}

function makeContainerSample(rng: Random, id: string, at: number, index: number): ContainerSample {
  const age = 3_600 + index * 60;
  return {
    containerId: id.slice(0, 12),
    ts: iso(at + index),
    cpuPct: Math.round(rng.next() * 180 * 1000) / 1000,
    memBytes: rng.int(20, 900) * 1024 * 1024,
    memLimit: 2 * 1024 * 1024 * 1024,
    netRx: age * rng.int(1_000, 90_000),
    netTx: age * rng.int(1_000, 60_000),
    blkRead: rng.int(0, 5_000) * 4096,
    blkWrite: rng.int(0, 9_000) * 4096,
    pids: rng.int(1, 64),
    // Not drawn from rng, so every other field stays what it was before the field existed.
    cpuSeconds: age * 0.35,
  };
}

function makeHostSample(rng: Random, at: number): HostSample {
  const gib = 1024 * 1024 * 1024;
  return {
    ts: iso(at),
    cpuPct: Math.round(rng.next() * 100_000) / 1000,
    load1: 1.42,
    load5: 1.1,
    load15: 0.87,
    memUsed: rng.int(4, 12) * gib,
    memTotal: 16 * gib,
    swapUsed: 0,
    swapTotal: 2 * gib,
    netRx: 912_345_678_901,
    netTx: 123_456_789_012,
    disks: [
      { mount: '/', used: 41 * gib, total: 100 * gib },
      { mount: '/var/lib/docker', used: 180 * gib, total: 500 * gib },
      { mount: '/boot', used: 214_748_365, total: gib },
    ],
  };
}

function makeEvent(id: string, at: number, index: number): ContainerEvent {
  const action = ['start', 'die', 'health_status: healthy'][index % 3] ?? 'start';
  const attributes: Record<string, string> = {
    image: IMAGES[index % IMAGES.length] ?? 'busybox',
    name: `svc-${index}`,
  };
  if (action === 'die') attributes.exitCode = '137';
  return {
    containerId: id.slice(0, 12),
    ts: iso(at - 5_000 + index),
    action,
    attributes,
    count: index === 1 ? 3 : 1,
  };
}

function makeLogs(rng: Random, id: string, at: number, lines: number): LogEntry[] {
  return Array.from({ length: lines }, (_, line) => ({
    containerId: id.slice(0, 12),
    // Docker's RFC 3339 nano timestamps.
    ts: `${iso(at - 9_000 + line).slice(0, -1)}${String(rng.int(0, 999_999)).padStart(6, '0')}Z`,
    stream: line % 4 === 3 ? ('stderr' as const) : ('stdout' as const),
    line: `${rng.int(10, 250)}.${rng.int(0, 255)}.0.7 - - "GET /api/v1/items?page=${line} HTTP/1.1" 200 ${rng.int(100, 9_000)} "-" "curl/8.5.0"`,
  }));
}

function makeHealth(id: string, at: number): HealthResult {
  return {
    containerId: id.slice(0, 12),
    ts: iso(at - 2_000),
    status: 'healthy',
    exitCode: 0,
    output: 'OK\n',
  };
}

function makeInventoryContainer(id: string, index: number, at: number): InventoryContainer {
  const service = SERVICES[index % SERVICES.length] ?? 'app';
  return {
    id,
    name: `shop-${service}-${index + 1}`,
    image: IMAGES[index % IMAGES.length] ?? 'busybox',
    imageId: `sha256:${createRandom(index + 99).hex(64)}`,
    labels: {
      'com.docker.compose.project': 'shop',
      'com.docker.compose.service': service,
      'com.docker.compose.container-number': String(index + 1),
      'com.docker.compose.config-hash': createRandom(index).hex(64),
      'org.opencontainers.image.version': '2.3.1',
    },
    state: index % 10 === 9 ? 'exited' : 'running',
    health: index % 3 === 0 ? 'healthy' : 'none',
    restartCount: index % 4,
    ports: index % 5 === 0 ? [{ privatePort: 80, publicPort: 8080 + index, type: 'tcp', ip: '0.0.0.0' }] : [],
    createdAt: iso(at - 86_400_000),
    startedAt: iso(at - 3_600_000),
    finishedAt: index % 10 === 9 ? iso(at - 60_000) : null,
    exitCode: index % 10 === 9 ? 137 : null,
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
