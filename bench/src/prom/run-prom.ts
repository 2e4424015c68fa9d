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
import { seedPromFleet } from './seed-prom-fleet.js';

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
  /** One scrape; the body is kept and decoded only when asked (the client shares this process's CPU). */
  const scrape = async (accept: string, decode = false) => {
    const start = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${fleet.token}`, accept } });
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
    const selection = (): PrometheusSelection => ({
      scope: null,
      hostLabels: [],
      groupIds: [],
      since: new Date(Date.now() - 300_000),
      until: new Date(Date.now() + 3_600_000),
    });
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
    const cpu = openCpuWindow(database.adminUrl);
    const warm: number[] = [];
    for (let i = 0; i < scrapes; i++) warm.push((await scrape(PROMETHEUS_ACCEPT)).ms);
    console.log(`cpu per scrape: ${cpu.finish(scrapes, 'scrape').text}`);
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
    console.log(
      `bench prom: series=${series} scrape_ms=${percentile(warm, 50).toFixed(0)} bytes=${cold.bytes}`,
    );
  } finally {
    await api.close();
  }
} finally {
  await bus.close();
  await database.drop();
}
