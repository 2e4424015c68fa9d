/**
 * bench:query — p50/p95 latency through the API (app.inject: auth, validation, tenant
 * transaction, SQL, serialisation) of the fleet queries the console leans on, over a generated
 * fleet, side by side with the bare SQL of the same query (node-postgres, same role and org).
 * Last line: `bench query: chart24h_p95=MS chart30d_p95=MS overview_p95=MS list_p95=MS`.
 *
 * Options (`--name=value` or BENCH_NAME): hosts (1000), containers (20 per host), hours (24 of
 * raw samples), interval (60 s), hourly-days (30 days of 1-hour rollups before that),
 * iterations (200), warmup (20), indexes (`schema`: the migrations' indexes only, or
 * `suggested`: plus the covering rollup indexes this bench proposes), reuse-db (a database kept
 * by --keep-db=1 earlier; topped up to now instead of generated), keep-db (0).
 */
import { loadavg } from 'node:os';
import type { Api } from '@berth/api/app';
import { buildApi } from '@berth/api/app';
import { createMemoryBus } from '@berth/bus';
import { urlWithUser } from '@berth/db';
import type { TestDatabase } from '@berth/db/testing';
import { createBenchDatabase } from '../src/shared/bench-database.js';
import { readOption, readRawOption } from '../src/shared/read-option.js';
import { createApiTokens, sampleContainers } from './bench-fixtures.js';
import { countRows, type Fleet, generateFleet, topUpFleet } from './generate-fleet.js';
import { measureApi, measureSql, type Timing } from './measure.js';
import { chart24hCase, chart30dCase, listCase, overviewCase, type QueryCase } from './query-cases.js';
import { applyIndexMode, type IndexMode } from './suggested-indexes.js';

const options = {
  hosts: readOption('hosts', 1000),
  containers: readOption('containers', 20),
  hours: readOption('hours', 24),
  interval: readOption('interval', 60),
  hourlyDays: readOption('hourly-days', 30),
  iterations: readOption('iterations', 200),
  warmup: readOption('warmup', 20),
  reuseDb: readRawOption('reuse-db'),
  keepDb: readOption('keep-db', 0) === 1,
  indexes: (readRawOption('indexes') ?? 'schema') as IndexMode,
};
if (options.indexes !== 'schema' && options.indexes !== 'suggested')
  throw new Error('--indexes: schema or suggested');

const SETTINGS = {
  authSecret: 'bench-secret-bench-secret-bench-secret-00',
  consoleOrigin: 'http://console.bench',
  publicUrl: 'http://berth.bench',
  gatewayUrl: 'http://gateway.bench',
  production: false,
  mailFrom: 'Berth bench <bench@berth.bench>',
};

let database: TestDatabase | undefined;
let api: Api | undefined;
try {
  await main();
} catch (error) {
  console.error(`bench query FAILED: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
} finally {
  await api?.close();
  if (database && options.keepDb) {
    await database.db.$disconnect();
    console.log(`kept database ${database.name} (reuse with --reuse-db=${database.name})`);
  } else await database?.drop();
}

async function main(): Promise<void> {
  const { adminUrl, appUrl, fleet } = await prepareData();
  await applyIndexMode(adminUrl, options.indexes);
  console.log(
    `indexes: ${options.indexes === 'schema' ? "the migrations' only" : 'migrations + suggested covering rollup indexes'}`,
  );
  const tokens = await createApiTokens(adminUrl, fleet.orgId, 20);
  api = await buildApi({ databaseUrl: appUrl, bus: createMemoryBus(), settings: SETTINGS });
  // Disjoint halves for the API and the SQL runs, so neither finds the other's pages cached.
  const sampled = await sampleContainers(adminUrl, fleet.orgId, 2000);
  const half = Math.ceil(sampled.length / 2);
  const pools = [sampled.slice(0, half), sampled.slice(half)];
  const now = new Date();
  const pick = (side: number) => {
    const pool = pools[side] ?? [];
    return pool[Math.floor(Math.random() * pool.length)] ?? { hostId: '', containerId: '' };
  };
  const cases: [string, (side: number) => QueryCase][] = [
    ['chart24h', (side) => chart24hCase(fleet.orgId, pick(side), now)],
    ['chart30d', (side) => chart30dCase(fleet.orgId, pick(side), now)],
    ['overview', () => overviewCase(fleet.orgId)],
    ['list', () => listCase(fleet.orgId, 'app=app-3', 'name')],
    ['list_by_cpu', () => listCase(fleet.orgId, 'app=app-3', 'cpu')],
  ];
  console.log(
    `${options.iterations} requests per query after ${options.warmup} warm-up; API through app.inject`,
  );
  console.log('  query          API p50   API p95 |  SQL p50   SQL p95 | API/SQL p95');
  const p95: Record<string, number> = {};
  const loadStart = loadavg()[0]?.toFixed(2);
  let turn = 0;
  // Rotating tokens keeps the per-token rate limit (600/min) out of the measurement.
  const token = () => tokens[turn++ % tokens.length] ?? '';
  for (const [name, makeCase] of cases) {
    const warm = await measureApi(api, token, () => makeCase(0), options.warmup);
    const viaApi = await measureApi(api, token, () => makeCase(0), options.iterations);
    const bare = await measureSql(appUrl, fleet.orgId, () => makeCase(1).sql(warm.last), options.iterations);
    p95[name] = viaApi.timing.p95;
    console.log(
      `  ${name.padEnd(13)} ${cells(viaApi.timing)} | ${cells(bare)} | ${(viaApi.timing.p95 / bare.p95).toFixed(2)}`,
    );
  }
  // Other work on the machine moves these numbers a lot (2 cores): say how busy it was.
  console.log(
    `load average (1 min) at the start/end of measuring: ${loadStart} / ${loadavg()[0]?.toFixed(2)}`,
  );
  console.log(
    `bench query: chart24h_p95=${ms(p95.chart24h)} chart30d_p95=${ms(p95.chart30d)} ` +
      `overview_p95=${ms(p95.overview)} list_p95=${ms(p95.list)}`,
  );
}

async function prepareData(): Promise<{ adminUrl: string; appUrl: string; fleet: Fleet }> {
  let adminUrl: string;
  let fleet: Fleet;
  const started = performance.now();
  if (options.reuseDb) {
    adminUrl = `postgresql://postgres@127.0.0.1:5432/${options.reuseDb}`;
    console.log(`reusing ${options.reuseDb}: topping raw samples up to now`);
    fleet = await topUpFleet(adminUrl);
  } else {
    database = await createBenchDatabase();
    adminUrl = database.adminUrl;
    const shape = {
      hosts: options.hosts,
      containersPerHost: options.containers,
      rawHours: options.hours,
      intervalS: options.interval,
      hourlyDays: options.hourlyDays,
      connections: 2,
    };
    console.log(
      `generating ${shape.hosts} hosts × ${shape.containersPerHost} containers in one org: ${shape.rawHours} h of ` +
        `raw samples every ${shape.intervalS} s with their 1-minute and 1-hour rollups (the gateway's promotion SQL), ` +
        `then ${shape.hourlyDays} earlier days of 1-hour rollups`,
    );
    fleet = await generateFleet(adminUrl, shape);
  }
  const s = fleet.shape;
  const rows = await countRows(adminUrl);
  console.log(
    `data (${((performance.now() - started) / 1000).toFixed(0)} s): ${s.hosts} hosts × ${s.containersPerHost} ` +
      `containers, raw every ${s.intervalS} s for ${s.rawHours} h, ${s.hourlyDays} more days of 1-hour rollups; rows ≈ ` +
      Object.entries(rows)
        .map(([table, n]) => `${table} ${n.toLocaleString('en')}`)
        .join(', '),
  );
  return { adminUrl, appUrl: urlWithUser(adminUrl, 'berth_app'), fleet };
}

function cells(timing: Timing): string {
  return `${timing.p50.toFixed(1).padStart(7)} ms ${timing.p95.toFixed(1).padStart(6)} ms`;
}

function ms(value: number | undefined): string {
  return value === undefined ? 'NaN' : value.toFixed(1);
}
