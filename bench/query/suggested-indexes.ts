import { withClient } from './generate-fleet.js';

const INCLUDED =
  'org_id, samples, cpu_sum, cpu_max, mem_sum, mem_max, mem_limit, net_rx, net_tx, blk_read, blk_write';

/**
 * The index this benchmark suggests (see docs/benchmarks.md, "Query"): the rollups' key with
 * every column a chart reads (org_id too, for the RLS policy), so a chart is an index-only scan
 * over a few adjacent leaf pages instead of one heap page per point (rows arrive time-major).
 * As a migration it would replace the primary key (`PRIMARY KEY (…) INCLUDE (…)`); here it is a
 * second index, which serves reads the same way.
 */
const SUGGESTED = [
  ['bench_suggested_1m_cover', 'container_samples_1m'],
  ['bench_suggested_1h_cover', 'container_samples_1h'],
] as const;

export type IndexMode = 'schema' | 'suggested';

/** `suggested` builds them (once; kept for reuse), `schema` drops them: the migrations' indexes only. */
export async function applyIndexMode(adminUrl: string, mode: IndexMode): Promise<void> {
  await withClient(adminUrl, async (client) => {
    for (const [name, table] of SUGGESTED) {
      if (mode === 'schema') {
        await client.query(`DROP INDEX IF EXISTS ${name}`);
        continue;
      }
      const started = performance.now();
      await client.query("SET maintenance_work_mem = '1GB'");
      const created = await client.query(`SELECT to_regclass('${name}') IS NULL AS missing`);
      if (!created.rows[0]?.missing) continue;
      await client.query(
        `CREATE INDEX ${name} ON ${table} (host_id, container_id, bucket) INCLUDE (${INCLUDED})`,
      );
      console.log(`  built ${name} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  });
}
