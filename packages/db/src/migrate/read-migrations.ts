import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Migration = { name: string; sql: string; checksum: string };

/** prisma/migrations at the repository root, found from this file (src/ or dist/). */
export const defaultMigrationsDir = fileURLToPath(new URL('../../../../prisma/migrations', import.meta.url));

/** Prisma's layout: `<timestamp>_<name>/migration.sql`, applied in name order. */
export async function readMigrations(dir = defaultMigrationsDir): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory() && /^\d{14}_[a-z0-9_]+$/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
      // Prisma stores the SHA-256 of the file as hex; matching it keeps `migrate deploy` valid.
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}
