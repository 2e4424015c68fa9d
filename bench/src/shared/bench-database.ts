import { createTestDatabase, type TestDatabase } from '@berth/db/testing';
import pg from 'pg';

/**
 * A fresh migrated database (cloned from the test template) whose partitions cover today:
 * the template may be older than the partitions' look-ahead.
 */
export async function createBenchDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  await ownerQuery(database.adminUrl, 'SELECT count(*) FROM berth_maintenance.maintain_partitions()');
  return database;
}

export async function ownerQuery<T extends pg.QueryResultRow>(
  adminUrl: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
