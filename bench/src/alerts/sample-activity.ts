import pg from 'pg';

export type ActivitySampler = {
  /** The most frequent (state, statement) pairs seen, as shares of all samples of busy backends. */
  stop(): Promise<string[]>;
};

/**
 * Where the database's backends are, sampled from pg_stat_activity every `everyMs`: each
 * backend of `database` that is not idle counts once per sample under its state and the first
 * words of its statement. A poor man's profile (pg_stat_statements is not preloaded here): a
 * statement seen in many samples is where connections spend their time, `idle in transaction`
 * is a client (the alerter's rule loop) holding a transaction between its statements.
 */
export async function sampleActivity(adminUrl: string, everyMs = 200): Promise<ActivitySampler> {
  const database = new URL(adminUrl).pathname.slice(1);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const counts = new Map<string, number>();
  let samples = 0;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    client
      .query<{ state: string; query: string }>(
        `SELECT state, query FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid() AND state IS NOT NULL AND state <> 'idle'`,
        [database],
      )
      .then(({ rows }) => {
        samples += 1;
        for (const row of rows) {
          const statement = row.query.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<uuid>').replace(/\s+/g, ' ');
          const key = `${row.state}: ${statement.trim().slice(0, 90)}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      })
      .catch(() => undefined)
      .finally(() => {
        busy = false;
      });
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await client.end().catch(() => undefined);
      const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
      return [...counts]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 12)
        .map(
          ([key, n]) =>
            `${((n / Math.max(1, total)) * 100).toFixed(1)} % (${(n / Math.max(1, samples)).toFixed(2)} backends on average) ${key}`,
        );
    },
  };
}
