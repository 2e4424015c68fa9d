import { readOption, readRawOption } from '../shared/read-option.js';

export type ActionsOptions = {
  agents: number;
  orgs: number;
  gateways: number;
  /** Measured no-op round trips (after `warmup` unmeasured ones). */
  actions: number;
  warmup: number;
  /** No-op actions in flight at once (1: one round trip at a time, pure latency). */
  concurrency: number;
  /** Restarts of the real container through Berth, and as many straight through the engine. */
  restarts: number;
  /** Handshakes in flight while the simulated agents connect. */
  connectConcurrency: number;
  /** Tries per agent while connecting (a refused hello is retried with jittered backoff). */
  attempts: number;
  redisUrl: string;
};

/** Sizes and knobs from `--name=value` or `BENCH_NAME` (see bench/README.md). */
export function readActionsOptions(): ActionsOptions {
  return {
    agents: readOption('agents', 1000),
    orgs: readOption('orgs', 10),
    gateways: readOption('gateways', 2),
    actions: readOption('actions', 1000),
    warmup: readOption('warmup', 50),
    concurrency: readOption('concurrency', 1),
    restarts: readOption('restarts', 15),
    connectConcurrency: readOption('connect-concurrency', 50),
    attempts: readOption('attempts', 6),
    redisUrl: readRawOption('redis-url') ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
}
