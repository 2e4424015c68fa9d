import { buildApi } from '@berth/api/app';
import { createMemoryBus } from '@berth/bus';
import { withOrg } from '@berth/db';
import {
  type PrometheusSelection,
  prometheusContainersSql,
  queryPrometheusContainers,
} from '@berth/db/queries';
import { withOrgClient } from '@berth/db/sql';
import { createBenchDatabase } from '../shared/bench-database.js';
import { percentile } from '../shared/percentile.js';
import { readOption } from '../shared/read-option.js';
import { openCpuWindow } from '../shared/sample-cpu.js';
import { serveBaseline } from './baseline/serve-baseline.js';
import { seedPromFleet } from './seed-prom-fleet.js';

/** The families issue 18 added (absent from the baseline), HELP, TYPE and samples. */
const ADDED = /^(?:# (?:HELP|TYPE) )?(?:container_cpu_usage_seconds(?:_total)?|berth_rule_alerts_firing)[ {]/;

function withoutAddedFamilies(body: string): string {
  return body
    .split('\n')
    .filter((line) => !ADDED.test(line))
    .join('\n');
}

/** What Prometheus 2.x sends: it gets OpenMetrics. */
const PROMETHEUS_ACCEPT =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

const hosts = readOption('hosts', 1000);
const perHost = readOption('containers', 20);
const samples = readOption('samples', 30);
const scrapes = readOption('scrapes', 7);
/** 1: print the plan of the containers query (EXPLAIN ANALYZE, BUFFERS) as the runtime role. */
const explain = readOption('explain', 0);

const database = await createBenchDatabase();
const bus = createMemoryBus();
try {
  const seedStart = performance.now();
  const fleet = await seedPromFleet(database, { hosts, perHost, samples });
  console.log(
    `seeded ${fleet.containers} containers × ${samples} samples on ${hosts} hosts (and a second org alike) in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );
  const api = await buildApi({
    databaseUrl: database.appUrl,
    bus,
    // Errors only: a failed scrape says why.
    logger: { level: 'error' },
    settings: {
      authSecret: 'bench-prom-secret-0123456789abcdef-0123456',
      consoleOrigin: 'http://console.bench',
      publicUrl: 'http://berth.bench',
      gatewayUrl: 'http://gateway.bench',
      production: false,
      mailFrom: 'bench@berth.bench',
    },
  });
  const url = `${await api.app.listen({ host: '127.0.0.1', port: 0 })}/api/v1/metrics/prometheus`;
  const selection = (): PrometheusSelection => ({
    scope: null,
    hostLabels: [],
    groupIds: [],
    since: new Date(Date.now() - 300_000),
    until: new Date(Date.now() + 3_600_000),
  });
  // The export before issue 18, served from this process too: the baseline of the ratio.
  const baseline = await serveBaseline(database.db, fleet.orgId, selection);
  /** One scrape; the body is kept and decoded only when asked (the client shares this process's CPU). */
  const scrape = async (accept: string, decode = false, target = url) => {
    const start = performance.now();
    const response = await fetch(target, { headers: { authorization: `Bearer ${fleet.token}`, accept } });
    const kept: Uint8Array[] = [];
    let bytes = 0;
    const reader = response.body?.getReader();
    for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
      bytes += read.value.length;
      if (decode || response.status !== 200) kept.push(read.value);
    }
    const text = Buffer.concat(kept).toString('utf8');
    if (response.status !== 200) throw new Error(`scrape answered ${response.status}: ${text.slice(0, 300)}`);
    return { ms: performance.now() - start, bytes, text };
  };
  try {
    if (explain) {
      const statement = prometheusContainersSql(fleet.orgId, selection());
      // node-postgres, not Prisma: an interactive Prisma transaction expires after 5 s.
      const plan = await withOrgClient(database.pool, fleet.orgId, async (client) => {
        await client.query('SET LOCAL jit = off');
        const explained = await client.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`,
          statement.values,
        );
        return explained.rows;
      });
      console.log(plan.map((row) => row['QUERY PLAN']).join('\n'));
    }
    const cold = await scrape(PROMETHEUS_ACCEPT, true);
    const series = cold.text.split('\n').filter((line) => line !== '' && !line.startsWith('#')).length;
    console.log(
      `cold scrape: ${cold.ms.toFixed(0)} ms, ${series} series, ${(cold.bytes / 1e6).toFixed(1)} MB`,
    );
    const old = await scrape(PROMETHEUS_ACCEPT, true, baseline.url);
    // Same rows, same bytes, but for the families added since the baseline.
    const identical = withoutAddedFamilies(cold.text) === old.text;
    console.log(
      `baseline cold scrape: ${old.ms.toFixed(0)} ms, ${(old.bytes / 1e6).toFixed(1)} MB; ` +
        `body identical but for the added families: ${identical ? 'yes' : 'NO'}`,
    );
    /** Warm scrapes of one endpoint in a CPU window. */
    const block = async (name: string, target: string) => {
      const cpu = openCpuWindow(database.adminUrl);
      const times: number[] = [];
      for (let i = 0; i < scrapes; i++) times.push((await scrape(PROMETHEUS_ACCEPT, false, target)).ms);
      const use = cpu.finish(scrapes, 'scrape');
      console.log(`${name}: p50 ${percentile(times, 50).toFixed(0)} ms; cpu per scrape: ${use.text}`);
      return { times, use };
    };
    // Baseline before and after, so a change of the machine's load shows in both.
    const before = await block('baseline (before)', baseline.url);
    const current = await block('export', url);
    const after = await block('baseline (after)', baseline.url);
    const warm = current.times;
    const baselineP50 = percentile([...before.times, ...after.times], 50);
    const baselineCpu = (before.use.totalPerUnit + after.use.totalPerUnit) / 2;
    const baselinePg = (before.use.pgPerUnit + after.use.pgPerUnit) / 2;
    console.log(
      `cpu per scrape, API process + client / PostgreSQL: export ${((current.use.totalPerUnit - current.use.pgPerUnit) / 1e6).toFixed(2)} s / ${(current.use.pgPerUnit / 1e6).toFixed(2)} s, ` +
        `baseline ${((baselineCpu - baselinePg) / 1e6).toFixed(2)} s / ${(baselinePg / 1e6).toFixed(2)} s`,
    );
    const text = await scrape('text/plain');
    console.log(`text/plain 0.0.4 scrape: ${text.ms.toFixed(0)} ms, ${(text.bytes / 1e6).toFixed(1)} MB`);
    const sql: number[] = [];
    for (let i = 0; i < scrapes; i++) {
      const start = performance.now();
      await withOrg(database.db, fleet.orgId, (tx) =>
        queryPrometheusContainers(tx, fleet.orgId, selection()),
      );
      sql.push(performance.now() - start);
    }
    console.log(
      `warm scrapes (${scrapes}): p50 ${percentile(warm, 50).toFixed(0)} ms, max ${Math.max(...warm).toFixed(0)} ms; ` +
        `of which the containers query alone (Prisma, in a tenant transaction): p50 ${percentile(sql, 50).toFixed(0)} ms`,
    );
    const p50 = percentile(warm, 50);
    console.log(
      `bench prom: series=${series} scrape_ms=${p50.toFixed(0)} baseline_ms=${baselineP50.toFixed(0)} ` +
        `ratio=${(p50 / baselineP50).toFixed(2)} cpu_ratio=${(current.use.totalPerUnit / baselineCpu).toFixed(2)} bytes=${cold.bytes}`,
    );
  } finally {
    await baseline.close();
    await api.close();
  }
} finally {
  await bus.close();
  await database.drop();
}
