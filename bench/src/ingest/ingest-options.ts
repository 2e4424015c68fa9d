import type { Encoding } from '@berth/protocol';
import { readOption, readRawOption } from '../shared/read-option.js';

export type IngestOptions = {
  hosts: number;
  orgs: number;
  batches: number;
  containers: number;
  /** Sockets opened at once while connecting. */
  connectConcurrency: number;
  /** Gateway knobs (passed as its environment). */
  ingestConnections: number;
  rowsPerTx: number;
  queueRows: number;
  maxUnacked: number;
  maxFramesPerS: number;
  /** Rows per COPY statement of the baseline. */
  copyChunkRows: number;
  /** 2: the baseline runs before and after the end-to-end run (1: before only). */
  copyRuns: number;
  progressMs: number;
  /** Redis URL for the gateway's bus; empty means its in-process bus (a single gateway). */
  redisUrl: string;
  /** How the simulated agents send container samples and log entries: `columnar` (issue 20) or v1 `json` rows. */
  encoding: Encoding;
  /** The raw `COPY` baseline's row order (plan-agents.ts): `arrival` (default) or `host`. */
  copyOrder: 'arrival' | 'host';
};

/** Sizes and knobs from `--name=value` or `BENCH_NAME` (see bench/README.md). */
export function readIngestOptions(): IngestOptions {
  const options: IngestOptions = {
    hosts: readOption('hosts', 1000),
    orgs: readOption('orgs', 10),
    batches: readOption('batches', 25),
    containers: readOption('containers', 20),
    connectConcurrency: readOption('connect-concurrency', 100),
    ingestConnections: readOption('ingest-connections', 4),
    rowsPerTx: readOption('rows-per-tx', 20_000),
    queueRows: readOption('queue-rows', 200_000),
    maxUnacked: readOption('max-unacked', 16),
    maxFramesPerS: readOption('max-frames-per-s', 50),
    copyChunkRows: readOption('copy-chunk-rows', 100_000),
    copyRuns: readOption('copy-runs', 2),
    progressMs: readOption('progress-ms', 3000),
    encoding: readEncoding(),
    copyOrder: readCopyOrder(),
    redisUrl: readOption('redis', 0) === 1 ? (process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') : '',
  };
  // Batch `seq` is stamped baseTime + seq × 10 s; the gateway accepts up to 1 h ahead.
  if (options.batches > 350) throw new Error('--batches: at most 350 (timestamps would pass now + 1 h)');
  if (options.orgs > options.hosts) throw new Error('--orgs: more organisations than hosts');
  return options;
}

function readCopyOrder(): 'arrival' | 'host' {
  const raw = readRawOption('copy-order') ?? 'arrival';
  if (raw !== 'arrival' && raw !== 'host')
    throw new Error(`--copy-order: expected arrival or host, got ${raw}`);
  return raw;
}

function readEncoding(): Encoding {
  const raw = readRawOption('encoding') ?? 'columnar';
  if (raw !== 'json' && raw !== 'columnar')
    throw new Error(`--encoding: expected json or columnar, got ${raw}`);
  return raw;
}
