import { readOption } from '../shared/read-option.js';

export type AlertsOptions = {
  hosts: number;
  orgs: number;
  batches: number;
  containers: number;
  /** Rules per organisation, of mixed kinds (five of them can fire; see seed-alert-rules.ts). */
  rulesPerOrg: number;
  /** Every n-th host carries scheduled triggers. */
  triggerHostEvery: number;
  /** A trigger host's first condition comes at batch `firstTrigger` + (its ordinal mod `triggerEvery`), then one every `triggerEvery` batches. */
  firstTrigger: number;
  triggerEvery: number;
  /** Pairs of runs (without, with the alerter), alternating which goes first. */
  pairs: number;
  /** After the stream: how long to wait for the notifications still due. */
  drainS: number;
  /** The alerter's ALERTER_DELIVERY_INTERVAL_S and ALERTER_PASS_INTERVAL_S. */
  deliveryIntervalS: number;
  passIntervalS: number;
  /** The alerter's ALERTER_EVENT_WINDOW_MS (its default: 500). */
  eventWindowMs: number;
  connectConcurrency: number;
  ingestConnections: number;
  rowsPerTx: number;
  queueRows: number;
  maxUnacked: number;
  maxFramesPerS: number;
  progressMs: number;
  /** 1: the last run's database is kept (its URL printed) to measure an evaluation on it afterwards. */
  keepDatabase: number;
  /** Seconds between autovacuum-like ANALYZE rounds (this server runs autovacuum off); 0: none, as before. */
  autoanalyzeS: number;
};

/** Sizes and knobs from `--name=value` or `BENCH_NAME` (see bench/README.md). */
export function readAlertsOptions(): AlertsOptions {
  const options: AlertsOptions = {
    hosts: readOption('hosts', 1000),
    orgs: readOption('orgs', 10),
    batches: readOption('batches', 25),
    containers: readOption('containers', 20),
    rulesPerOrg: readOption('rules', 50),
    triggerHostEvery: readOption('trigger-host-every', 10),
    firstTrigger: readOption('first-trigger', 3),
    triggerEvery: readOption('trigger-every', 5),
    pairs: readOption('pairs', 1),
    drainS: readOption('drain-s', 60),
    deliveryIntervalS: readOption('delivery-interval-s', 1),
    passIntervalS: readOption('pass-interval-s', 15),
    eventWindowMs: readOption('event-window-ms', 500),
    connectConcurrency: readOption('connect-concurrency', 100),
    ingestConnections: readOption('ingest-connections', 4),
    rowsPerTx: readOption('rows-per-tx', 20_000),
    queueRows: readOption('queue-rows', 200_000),
    maxUnacked: readOption('max-unacked', 16),
    maxFramesPerS: readOption('max-frames-per-s', 50),
    progressMs: readOption('progress-ms', 5000),
    keepDatabase: readOption('keep-database', 0),
    autoanalyzeS: readOption('autoanalyze-s', 15),
  };
  if (options.batches > 350) throw new Error('--batches: at most 350');
  if (options.orgs > options.hosts) throw new Error('--orgs: more organisations than hosts');
  if (options.containers < 2) throw new Error('--containers: at least 2');
  if (options.rulesPerOrg < 5) throw new Error('--rules: at least 5 (one of each kind that fires)');
  if (options.firstTrigger < 2)
    throw new Error('--first-trigger: at least 2 (batch 1 carries the inventory)');
  if (options.pairs < 1) throw new Error('--pairs: at least 1');
  return options;
}
