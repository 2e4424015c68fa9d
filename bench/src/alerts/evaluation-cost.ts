/**
 * What one event evaluation costs PostgreSQL, on a database a bench:alerts run kept
 * (`--keep-database=1`): `tsx bench/src/alerts/evaluation-cost.ts --database-url=<admin url>
 * [--hosts-per-evaluation=6] [--evaluations=40] [--alerter-dist=apps/alerter/dist]
 * [--plan-cache-mode=auto|force_generic_plan]`.
 *
 * 1. Each statement of one evaluation of `hosts-per-evaluation` hosts of the largest
 *    organisation, EXPLAIN (ANALYZE, SUMMARY) with the statement's own parameters, in the
 *    evaluation's transaction as the runtime role (RLS on): planning against execution time.
 * 2. `evaluations` evaluations of as many hosts each (a different slice each time, as events
 *    bring), on one connection: the backend's CPU time from /proc (utime + stime) per evaluation.
 *
 * The alerter's code comes from `alerter-dist` (built), so two builds compare on one database.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { readOption, readRawOption } from '../shared/read-option.js';

const adminUrl = readRawOption('database-url');
if (!adminUrl) throw new Error('--database-url: the admin URL a kept bench database printed');
const perEvaluation = readOption('hosts-per-evaluation', 6);
const evaluations = readOption('evaluations', 40);
const dist = path.resolve(readRawOption('alerter-dist') ?? 'apps/alerter/dist');
const appUrl = (() => {
  const url = new URL(adminUrl);
  url.username = 'berth_app';
  url.password = '';
  const mode = readRawOption('plan-cache-mode');
  if (mode) url.searchParams.set('options', `-c plan_cache_mode=${mode}`);
  return url.toString();
})();

const { evaluateOrg } = await import(pathToFileURL(path.join(dist, 'evaluation/evaluate-org.js')).href);
const { LogMatchMemory } = await import(pathToFileURL(path.join(dist, 'evaluation/log-matches.js')).href);

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
const [largest] = (
  await admin.query<{ org_id: string }>(
    'SELECT org_id FROM hosts GROUP BY org_id ORDER BY count(*) DESC, org_id LIMIT 1',
  )
).rows;
if (!largest) throw new Error('no hosts in that database');
const orgId = largest.org_id;
const hostIds = (
  await admin.query<{ id: string }>('SELECT id FROM hosts WHERE org_id = $1 ORDER BY id', [orgId])
).rows.map((row) => row.id);
// "now" is the data's end: the readings are as fresh as during the run.
const [{ end }] = (await admin.query<{ end: Date }>('SELECT max(ts) AS "end" FROM host_samples')).rows as [
  { end: Date },
];
await admin.end();
const now = new Date(end.getTime() + 1000);
const slice = (i: number) => {
  const from = (i * perEvaluation) % hostIds.length;
  return hostIds.slice(from, from + perEvaluation);
};

const silent = { info() {}, warn() {}, error() {} };
const deps = (pool: pg.Pool) => ({
  pool,
  settings: { agentIntervalMs: 10_000, shippedAgentVersion: '0.0.0' },
  log: silent,
  logMemory: new LogMatchMemory(),
  onTransition: async () => {},
});

const pool = new pg.Pool({ connectionString: appUrl, max: 1 });
const warm = deps(pool);
// The log memory warm (every host read once): later evaluations read only new lines (none here).
for (let i = 0; i * perEvaluation < hostIds.length; i++) await evaluateOrg(warm, orgId, slice(i), now);

// 0. Round trips: every query an evaluation sends (BEGIN + scope, reads, savepoints, touch,
// COMMIT, and the transitions' own, none here: the data is settled by the warm-up).
{
  const original = pg.Client.prototype.query as (...args: unknown[]) => Promise<unknown>;
  let trips = 0;
  // biome-ignore lint/suspicious/noExplicitAny: wraps pg's overloaded query for the measurement only
  (pg.Client.prototype as any).query = function (this: pg.Client, ...args: unknown[]) {
    trips += 1;
    return original.apply(this, args);
  };
  for (let i = 1; i <= evaluations; i++) await evaluateOrg(warm, orgId, slice(i), now);
  pg.Client.prototype.query = original as never;
  console.log(
    `round trips (warm): ${(trips / evaluations).toFixed(1)} per evaluation of ${perEvaluation} hosts (${evaluations} evaluations)`,
  );
}

// 1. Planning against execution, per statement, warm and cold (a fresh log memory reads each
// host's whole window: the bench's evaluations read ~5 of its 25 batches, between the two).
type Explained = { sql: string; planningMs: number; executionMs: number };
const explained: Explained[] = [];
const original = pg.Client.prototype.query as (...args: unknown[]) => Promise<unknown>;
// biome-ignore lint/suspicious/noExplicitAny: wraps pg's overloaded query for the measurement only
(pg.Client.prototype as any).query = async function (this: pg.Client, config: any, values?: unknown[]) {
  const text: string = typeof config === 'string' ? config : config.text;
  const params = typeof config === 'string' ? values : (config.values ?? values);
  if (/^\s*(SELECT|WITH|UPDATE|INSERT)/i.test(text) && !text.includes('set_config')) {
    const result = await original.call(
      this,
      `EXPLAIN (ANALYZE, SUMMARY, FORMAT JSON) ${text}`,
      params as never,
    );
    // biome-ignore lint/suspicious/noExplicitAny: EXPLAIN's JSON
    const plan = (result as any).rows[0]['QUERY PLAN'][0];
    explained.push({
      sql: text.replace(/\s+/g, ' ').slice(0, 70),
      planningMs: plan['Planning Time'],
      executionMs: plan['Execution Time'],
    });
  }
  return original.call(this, config, values as never);
};
for (const [label, memoryDeps] of [
  ['warm', warm],
  ['cold', deps(pool)],
] as const) {
  explained.length = 0;
  await evaluateOrg(memoryDeps, orgId, slice(1), now);
  let planning = 0;
  let execution = 0;
  for (const e of explained) {
    planning += e.planningMs;
    execution += e.executionMs;
    console.log(
      `  plan ${e.planningMs.toFixed(2).padStart(7)} ms  exec ${e.executionMs.toFixed(2).padStart(7)} ms  ${e.sql}`,
    );
  }
  console.log(
    `one ${label} evaluation of ${perEvaluation} hosts (EXPLAIN): ${explained.length} statements, ` +
      `planning ${planning.toFixed(1)} ms, execution ${execution.toFixed(1)} ms`,
  );
}
pg.Client.prototype.query = original as never;

// 2. Backend CPU per evaluation, warm and cold.
const pidRow = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
const pid = pidRow.rows[0]?.pid;
const ticks = async () => {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  return Number(fields[11]) + Number(fields[12]);
};
for (const label of ['warm', 'cold'] as const) {
  const before = await ticks();
  const started = performance.now();
  for (let i = 1; i <= evaluations; i++)
    await evaluateOrg(label === 'warm' ? warm : deps(pool), orgId, slice(i), now);
  const cpuMs = ((await ticks()) - before) * 10;
  console.log(
    `evaluation cost (${label}): ${evaluations} evaluations of ${perEvaluation} hosts, PostgreSQL CPU ` +
      `${(cpuMs / evaluations).toFixed(1)} ms per evaluation, wall ${((performance.now() - started) / evaluations).toFixed(1)} ms`,
  );
}
await pool.end();
