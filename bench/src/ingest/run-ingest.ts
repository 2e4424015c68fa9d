/**
 * bench:ingest — end-to-end committed rows/s of many agents streaming batches over real
 * WebSockets into a gateway process, against the table owner's raw COPY of the same rows.
 * Last line: `bench ingest: rows=N rows_per_s=X copy_rows_per_s=Y ratio=R db_ratio=D` (D: raw COPY's
 * PostgreSQL CPU per row ÷ ingest's, the rollup job's included). `--timescale=1`: on
 * TimescaleDB (TEST_TIMESCALE_URL, default 127.0.0.1:5434) instead of plain PostgreSQL.
 */
import { availableParallelism } from 'node:os';
import { redactUrl } from '@berth/db';
import type { TestDatabase } from '@berth/db/testing';
import { applyDatabaseSettings } from '../shared/apply-database-settings.js';
import { createBenchDatabase, ownerQuery } from '../shared/bench-database.js';
import { printLogDigest } from '../shared/digest-gateway-log.js';
import { findFreePort } from '../shared/find-free-port.js';
import { insertHosts } from '../shared/insert-hosts.js';
import { readGatewayMetrics } from '../shared/read-gateway-metrics.js';
import { readRawOption } from '../shared/read-option.js';
import { selectDatabaseServer } from '../shared/select-database-server.js';
import { type GatewayProcess, startGateway } from '../shared/start-gateway.js';
import { killChildren } from '../shared/track-children.js';
import { type CopyResult, copyBaseline } from './copy-baseline.js';
import { assertStored, countStoredRows } from './count-stored-rows.js';
import { COPY_TABLES, type CopyRows } from './encode-copy-rows.js';
import { type IngestOptions, readIngestOptions } from './ingest-options.js';
import { measureRollups } from './measure-rollups.js';
import { type IngestPlan, planAgents } from './plan-agents.js';
import { streamIngest } from './stream-ingest.js';

const options = readIngestOptions();
const server = selectDatabaseServer();
const databases: TestDatabase[] = [];
let gateway: GatewayProcess | undefined;

try {
  await main(options);
} catch (error) {
  console.error(`bench ingest FAILED: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
} finally {
  await gateway?.stop(5000).catch(() => {});
  killChildren();
  await Promise.allSettled(databases.map((database) => database.drop()));
}

async function main(opts: IngestOptions): Promise<void> {
  console.log(
    `bench ingest: ${opts.hosts} hosts × ${opts.containers} containers in ${opts.orgs} orgs, ` +
      `${opts.batches} batches each; gateway INGEST_CONNECTIONS=${opts.ingestConnections} ` +
      `INGEST_ROWS_PER_TX=${opts.rowsPerTx} INGEST_QUEUE_ROWS=${opts.queueRows} AGENT_MAX_UNACKED=${opts.maxUnacked}` +
      `, bus ${opts.redisUrl ? 'Redis' : 'in-process'}, ${server.engine} at ${redactUrl(server.url)}` +
      `, samples and logs as ${opts.encoding}, raw COPY baseline in ${opts.copyOrder === 'host' ? 'host-by-host' : 'arrival'} order`,
  );
  const e2eDb = await track(createBenchDatabase());
  if (e2eDb.engine !== server.engine)
    throw new Error(`expected ${server.engine}, the database runs on ${e2eDb.engine}`);
  const hosts = await insertHosts(e2eDb.adminUrl, opts.orgs, opts.hosts);
  const planStarted = performance.now();
  const plan = planAgents(hosts, {
    batches: opts.batches,
    containers: opts.containers,
    baseTime: Date.now(),
    encoding: opts.encoding,
    copyOrder: opts.copyOrder,
  });
  console.log(
    `  planned ${plan.totalRows} rows in ${opts.hosts * opts.batches} batches ` +
      `(${(plan.totalBytes / 1024 / 1024).toFixed(0)} MiB of frames) in ` +
      `${((performance.now() - planStarted) / 1000).toFixed(1)} s`,
  );
  // The baseline runs before and after the end-to-end run, so drift in what else the machine
  // is doing meanwhile weighs on both sides alike.
  const copies = [await measureCopy(plan.copyRows, opts.copyChunkRows, 'before')];
  const e2e = await measureEndToEnd(e2eDb, plan, opts);
  if (opts.copyRuns > 1) copies.push(await measureCopy(plan.copyRows, opts.copyChunkRows, 'after'));
  printResult(e2e, copies);
}

function printResult(e2e: EndToEnd, copies: CopyResult[]): void {
  const copyRate = copies.reduce((sum, c) => sum + c.rows, 0) / copies.reduce((sum, c) => sum + c.seconds, 0);
  const copyCpu = copies.reduce((sum, c) => sum + c.cpuPerRow, 0) / copies.length;
  const copyPg = copies.reduce((sum, c) => sum + c.pgCpuPerRow, 0) / copies.length;
  const ratio = e2e.rowsPerS / copyRate;
  const ingestPg = e2e.pgCpuPerRow + e2e.rollupPgCpuPerRow;
  const dbRatio = copyPg / ingestPg;
  console.log(
    `summary: end-to-end ${Math.round(e2e.rowsPerS)} rows/s, raw COPY ${Math.round(copyRate)} rows/s ` +
      `(${copies.length} runs together); ratio ${ratio.toFixed(2)} (goal ≥ 0.70)`,
  );
  console.log(
    `  CPU per row: end-to-end ${e2e.cpuPerRow.toFixed(1)} µs (gateway + simulator + postgres), ` +
      `raw COPY ${copyCpu.toFixed(1)} µs (client + postgres) → CPU-bound ceiling of the ratio on this machine ` +
      `≈ ${((copyCpu / e2e.cpuPerRow) * availableParallelism()).toFixed(2)} (COPY uses one core)`,
  );
  console.log(
    `  PostgreSQL CPU per row: ingest ${ingestPg.toFixed(2)} µs (${e2e.pgCpuPerRow.toFixed(2)} in the ingest ` +
      `transactions + ${e2e.rollupPgCpuPerRow.toFixed(2)} in the rollup job), raw COPY ${copyPg.toFixed(2)} µs ` +
      `→ db_ratio ${dbRatio.toFixed(2)} (goal ≥ 0.80)`,
  );
  console.log(
    `bench ingest: rows=${e2e.rows} rows_per_s=${Math.round(e2e.rowsPerS)} ` +
      `copy_rows_per_s=${Math.round(copyRate)} ratio=${ratio.toFixed(2)} db_ratio=${dbRatio.toFixed(2)}`,
  );
}

async function measureCopy(rows: CopyRows, chunkRows: number, when: string): Promise<CopyResult> {
  console.log(`baseline (${when}): the owner's raw COPY of the same rows into a fresh database`);
  const database = await track(createBenchDatabase());
  const result = await copyBaseline(database.adminUrl, rows, chunkRows, `copy-${when}`);
  assertStored('copy baseline', await countStoredRows(database.adminUrl), expectedCounts(rows));
  console.log(
    `  ${result.rows} rows in ${result.seconds.toFixed(2)} s = ${Math.round(result.rows / result.seconds)} rows/s`,
  );
  await database.drop();
  databases.splice(databases.indexOf(database), 1);
  await ownerQuery(database.adminUrl.replace(/\/[^/]+$/, '/postgres'), 'CHECKPOINT');
  return result;
}

type EndToEnd = {
  rows: number;
  rowsPerS: number;
  cpuPerRow: number;
  pgCpuPerRow: number;
  rollupPgCpuPerRow: number;
};

async function measureEndToEnd(
  database: TestDatabase,
  plan: IngestPlan,
  opts: IngestOptions,
): Promise<EndToEnd> {
  console.log('end-to-end: agents → WebSocket → gateway process → PostgreSQL (runtime role, RLS)');
  await applyDatabaseSettings(database.adminUrl, readRawOption('db-settings'));
  const port = await findFreePort();
  gateway = await startGateway({ port, databaseUrl: database.appUrl, env: gatewayEnv(opts) });
  const result = await streamIngest(plan, {
    url: `ws://127.0.0.1:${port}/agent/v1`,
    adminUrl: database.adminUrl,
    gatewayPid: gateway.pid,
    connectConcurrency: opts.connectConcurrency,
    progressMs: opts.progressMs,
  });
  await printWriteMetrics(port, result.rows);
  await gateway.stop();
  printLogDigest([gateway.log]);
  assertStored('end-to-end', await countStoredRows(database.adminUrl), expectedCounts(plan.copyRows));
  await assertSeqs(database.adminUrl, opts);
  const rollups = await measureRollups(database, result.rows);
  if (result.rows !== plan.totalRows) throw new Error(`acked ${result.rows} rows, sent ${plan.totalRows}`);
  const rowsPerS = result.rows / result.seconds;
  console.log(
    `  ${result.rows} rows (${result.batches} batches) committed in ${result.seconds.toFixed(2)} s ` +
      `= ${Math.round(rowsPerS)} rows/s; stored rows verified by COUNT`,
  );
  return {
    rows: result.rows,
    rowsPerS,
    cpuPerRow: result.cpuPerRow,
    pgCpuPerRow: result.pgCpuPerRow,
    rollupPgCpuPerRow: rollups.pgCpuPerRow,
  };
}

function gatewayEnv(opts: IngestOptions): Record<string, string> {
  return {
    AGENT_MAX_UNACKED: String(opts.maxUnacked),
    AGENT_MAX_FRAMES_PER_S: String(opts.maxFramesPerS),
    INGEST_CONNECTIONS: String(opts.ingestConnections),
    INGEST_ROWS_PER_TX: String(opts.rowsPerTx),
    INGEST_QUEUE_ROWS: String(opts.queueRows),
    // The rollups are measured after the stream (measureRollups), all of them, on their own.
    ROLLUP_INTERVAL_S: '0',
    ...(opts.redisUrl ? { REDIS_URL: opts.redisUrl } : {}),
  };
}

async function printWriteMetrics(port: number, rows: number): Promise<void> {
  const m = await readGatewayMetrics(port, [
    'berth_gateway_write_seconds_count',
    'berth_gateway_write_seconds_sum',
  ]);
  const count = m.berth_gateway_write_seconds_count ?? 0;
  const sum = m.berth_gateway_write_seconds_sum ?? 0;
  if (count === 0) return;
  console.log(
    `  gateway: ${count} ingest transactions, ${Math.round(rows / count)} rows/tx, ` +
      `${((sum / count) * 1000).toFixed(0)} ms/tx on average`,
  );
}

/** Exactly once: every host's committed high-water mark is its last batch. */
async function assertSeqs(adminUrl: string, opts: IngestOptions): Promise<void> {
  const [row] = await ownerQuery<{ wrong: string }>(
    adminUrl,
    'SELECT count(*) AS wrong FROM hosts WHERE last_seq <> $1',
    [opts.batches],
  );
  if (Number(row?.wrong) > 0) throw new Error(`${row?.wrong} hosts have last_seq ≠ ${opts.batches}`);
}

function expectedCounts(rows: CopyRows) {
  return Object.fromEntries(COPY_TABLES.map((table) => [table, rows[table].length])) as Record<
    (typeof COPY_TABLES)[number],
    number
  >;
}

async function track(creating: Promise<TestDatabase>): Promise<TestDatabase> {
  const database = await creating;
  databases.push(database);
  return database;
}
