import { readOption, readRawOption } from '../shared/read-option.js';

export type ConnectionsOptions = {
  agents: number;
  gateways: number;
  simulators: number;
  /** Loopback source addresses 127.0.0.2 … (each gives ~28k ephemeral ports per gateway port). */
  addresses: number;
  /** Handshakes in flight per simulator. */
  concurrency: number;
  orgs: number;
  pingSample: number;
  pingWindowMs: number;
  pingEveryMs: number;
  settleMs: number;
  baselineSockets: number;
  attempts: number;
  intervalS: number;
  ingestConnections: number;
  redisUrl: string;
};

/** Sizes and knobs from `--name=value` or `BENCH_NAME` (see bench/README.md). */
export function readConnectionsOptions(): ConnectionsOptions {
  const agents = readOption('agents', 50_000);
  return {
    agents,
    gateways: readOption('gateways', 4),
    simulators: readOption('simulators', Math.max(1, Math.ceil(agents / 12_500))),
    addresses: readOption('addresses', Math.ceil(agents / 10_000) + 1),
    concurrency: readOption('concurrency', 64),
    orgs: readOption('orgs', 50),
    pingSample: readOption('ping-sample', 2000),
    pingWindowMs: readOption('ping-window-ms', 15_000),
    pingEveryMs: readOption('ping-every-ms', 30_000),
    settleMs: readOption('settle-ms', 5000),
    baselineSockets: readOption('baseline-sockets', 15_000),
    attempts: readOption('attempts', 6),
    // Idle agents send no batches: a long batch interval keeps the stale-host sweep from
    // marking them all offline mid-measurement (it would with the default 10 s).
    intervalS: readOption('interval-s', 3600),
    ingestConnections: readOption('ingest-connections', 2),
    redisUrl: readRawOption('redis-url') ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
}
