import { ownerQuery } from '../shared/bench-database.js';
import { COPY_TABLES, type CopyTable } from './encode-copy-rows.js';

export type StoredRows = Record<CopyTable, number> & { total: number };

/** Rows in the four time-series tables, counted as the owner (no RLS hides anything). */
export async function countStoredRows(adminUrl: string): Promise<StoredRows> {
  const selects = COPY_TABLES.map((table) => `(SELECT count(*) FROM ${table}) AS ${table}`).join(', ');
  const [row] = await ownerQuery<Record<CopyTable, string>>(adminUrl, `SELECT ${selects}`);
  const counts = { container_samples: 0, host_samples: 0, container_events: 0, container_logs: 0, total: 0 };
  for (const table of COPY_TABLES) {
    counts[table] = Number(row?.[table] ?? 0);
    counts.total += counts[table];
  }
  return counts;
}

/** Throws (the run fails loudly) unless every table holds exactly the rows that were sent. */
export function assertStored(what: string, stored: StoredRows, expected: Record<CopyTable, number>): void {
  const wrong = COPY_TABLES.filter((table) => stored[table] !== expected[table]);
  if (wrong.length === 0) return;
  const detail = wrong.map((table) => `${table}: stored ${stored[table]}, expected ${expected[table]}`);
  throw new Error(`${what}: stored rows differ from the rows sent — ${detail.join('; ')}`);
}
