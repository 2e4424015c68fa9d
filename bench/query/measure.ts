import type { Api } from '@berth/api/app';
import { type Prisma, withOrgOn } from '@berth/db';
import pg from 'pg';
import { percentile } from '../src/shared/percentile.js';
import type { QueryCase } from './query-cases.js';

export type Timing = { p50: number; p95: number; max: number; n: number };

export function summarise(samples: number[]): Timing {
  return {
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    max: Math.max(...samples),
    n: samples.length,
  };
}

/** Latency of the API call (app.inject: routing, auth, validation, transaction, serialisation). */
export async function measureApi(
  api: Api,
  token: () => string,
  cases: () => QueryCase,
  iterations: number,
): Promise<{ timing: Timing; last: unknown }> {
  const samples: number[] = [];
  let last: unknown;
  for (let i = 0; i < iterations; i += 1) {
    const queryCase = cases();
    const started = performance.now();
    const response = await api.app.inject({
      method: 'GET',
      url: queryCase.url,
      headers: { authorization: `Bearer ${token()}` },
    });
    samples.push(performance.now() - started);
    if (response.statusCode !== 200)
      throw new Error(`${queryCase.url}: ${response.statusCode} ${response.body}`);
    last = response.json();
  }
  return { timing: summarise(samples), last };
}

/**
 * The baseline: the same statement straight over node-postgres as the runtime role, inside
 * an org-scoped transaction like the API's; only the statement's round trip is timed.
 */
export async function measureSql(
  appUrl: string,
  orgId: string,
  statements: () => Prisma.Sql,
  iterations: number,
): Promise<Timing> {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  const samples: number[] = [];
  try {
    for (let i = 0; i < iterations; i += 1) {
      const sql = statements();
      await withOrgOn(client, orgId, async (scoped) => {
        const started = performance.now();
        await scoped.query(sql.text, sql.values);
        samples.push(performance.now() - started);
      });
    }
  } finally {
    await client.end();
  }
  return summarise(samples);
}

/** Server-side execution time of one run (EXPLAIN ANALYZE), for the report's plan notes. */
export async function explain(appUrl: string, orgId: string, sql: Prisma.Sql): Promise<string[]> {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  try {
    // The statements are reads: committing the EXPLAIN ANALYZE changes nothing.
    const result = await withOrgOn(client, orgId, (scoped) =>
      scoped.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`, sql.values),
    );
    return result.rows.map((row) => row['QUERY PLAN']);
  } finally {
    await client.end();
  }
}
