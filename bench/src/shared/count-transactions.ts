import { ownerQuery } from './bench-database.js';

/** Transactions committed or rolled back in this database so far (pg_stat_database). */
export async function countTransactions(adminUrl: string): Promise<number> {
  const [row] = await ownerQuery<{ n: string }>(
    adminUrl,
    `SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()`,
  );
  return Number(row?.n ?? 0);
}
