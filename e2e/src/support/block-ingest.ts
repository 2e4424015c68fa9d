import pg from 'pg';

export type IngestBlock = {
  /** True once a gateway (berth_app) transaction waits for the lock inside PostgreSQL. */
  ingestWaiting(): Promise<boolean>;
  close(): Promise<void>;
};

/**
 * Takes the host's row lock as the owner, so the gateway's next ingest transaction (which locks
 * the host first) waits inside PostgreSQL with its connection checked out: a restart then lands
 * mid-transaction every time, not only when the timing happens to be right.
 */
export async function blockIngest(adminUrl: string, hostId: string): Promise<IngestBlock> {
  const holder = new pg.Client({ connectionString: adminUrl });
  // The restart ends this session too; that is expected, not an error of the test.
  holder.on('error', () => undefined);
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query('SELECT 1 FROM hosts WHERE id = $1 FOR UPDATE', [hostId]);
  return {
    async ingestWaiting() {
      const probe = new pg.Client({ connectionString: adminUrl });
      await probe.connect();
      try {
        const { rows } = await probe.query<{ waiting: string }>(
          `SELECT count(*) AS waiting FROM pg_stat_activity
           WHERE datname = current_database() AND usename = 'berth_app' AND wait_event_type = 'Lock'`,
        );
        return Number(rows[0]?.waiting ?? 0) > 0;
      } finally {
        await probe.end();
      }
    },
    close: () => holder.end().catch(() => undefined),
  };
}
