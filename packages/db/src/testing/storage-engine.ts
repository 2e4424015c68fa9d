import pg from 'pg';

/** Where the time series live: native partitions, or TimescaleDB hypertables and chunks. */
export type StorageEngine = 'postgresql' | 'timescaledb';

/** The engine of a migrated database: TimescaleDB where the migrations created the extension. */
export async function detectStorageEngine(adminUrl: string): Promise<StorageEngine> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ timescale: boolean }>(
      "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') AS timescale",
    );
    return rows[0]?.timescale ? 'timescaledb' : 'postgresql';
  } finally {
    await client.end();
  }
}

/**
 * The engine this test run was started for: the vitest project sets BERTH_TEST_ENGINE beside
 * TEST_DATABASE_URL, so a suite meant for TimescaleDB cannot pass on a server without it.
 */
export function expectedStorageEngine(): StorageEngine {
  return process.env.BERTH_TEST_ENGINE === 'timescaledb' ? 'timescaledb' : 'postgresql';
}
