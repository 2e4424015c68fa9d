import pg from 'pg';

export type AutoAnalyzer = {
  /** Stops, and says how many ANALYZEs ran. */
  stop(): Promise<number>;
};

/**
 * ANALYZEs the bench database's tables (leaf partitions included) as autovacuum would, which
 * this test server runs with off (`autovacuum = off`): every `everyS` (the bench's default 15 s:
 * autovacuum_naptime's 60 s, scaled as the bench streams ~250 s of a fleet's batches in ~60 s), each table with more rows changed since its last analyze than
 * autovacuum_analyze_threshold (50) + autovacuum_analyze_scale_factor (0.1) × its rows. Without
 * it the day partition the bench fills has no statistics during the whole run and the planner
 * mis-plans reads production would not (docs/benchmarks.md, "Alerts: what an evaluation costs").
 */
export async function emulateAutoAnalyze(adminUrl: string, everyS: number): Promise<AutoAnalyzer> {
  if (everyS <= 0) return { stop: async () => 0 };
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  let analyzed = 0;
  let failed: unknown = null;
  let running: Promise<void> = Promise.resolve();
  const round = async () => {
    const { rows } = await client.query<{ name: string }>(
      `SELECT format('%I.%I', s.schemaname, s.relname) AS name FROM pg_stat_user_tables s
         JOIN pg_class c ON c.oid = s.relid
        WHERE c.relkind = 'r' AND s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)`,
    );
    for (const row of rows) {
      await client.query(`ANALYZE ${row.name}`);
      analyzed += 1;
    }
  };
  const timer = setInterval(() => {
    running = running.then(round).catch((error) => {
      failed ??= error;
    });
  }, everyS * 1000);
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await client.end();
      if (failed) throw failed;
      return analyzed;
    },
  };
}
