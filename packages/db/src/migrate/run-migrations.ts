import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  createRetentionPolicyShim,
  dropRetentionPolicyShim,
  needsRetentionPolicyShim,
} from './apache-edition-shim.js';
import { type Migration, readMigrations } from './read-migrations.js';

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migration?: string,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

export type MigrationReport = { applied: { name: string; ms: number }[]; upToDate: string[] };
export type MigrateOptions = { migrationsDir?: string; log?: (line: string) => void };

// Any fixed 64-bit number; all runners against one database serialise on it.
const LOCK_KEY = 7_326_148_201;

// Prisma's own bookkeeping table, created the way `prisma migrate` creates it.
const BOOKKEEPING_DDL = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

type AppliedRow = { migration_name: string; checksum: string; finished_at: Date | null };

/**
 * Applies pending migrations in order, each in its own transaction, under an advisory
 * lock. An applied migration whose file changed is refused by checksum; a failed one
 * leaves the database as it was and names the migration and line.
 */
export async function runMigrations(
  adminUrl: string,
  options: MigrateOptions = {},
): Promise<MigrationReport> {
  const log = options.log ?? (() => {});
  const migrations = await readMigrations(options.migrationsDir);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(BOOKKEEPING_DDL);
    const applied = await appliedMigrations(client);
    const report: MigrationReport = { applied: [], upToDate: [] };
    for (const migration of migrations) {
      const previous = applied.get(migration.name);
      if (previous) {
        verifyUnchanged(migration, previous);
        report.upToDate.push(migration.name);
        continue;
      }
      const started = performance.now();
      await applyOne(client, migration);
      const ms = Math.round(performance.now() - started);
      report.applied.push({ name: migration.name, ms });
      log(`applied ${migration.name} (${ms} ms)`);
    }
    return report;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

async function appliedMigrations(client: pg.Client): Promise<Map<string, AppliedRow>> {
  const { rows } = await client.query<AppliedRow>(
    'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
  );
  return new Map(rows.map((row) => [row.migration_name, row]));
}

function verifyUnchanged(migration: Migration, previous: AppliedRow): void {
  if (previous.finished_at === null) {
    throw new MigrationError(
      `migration ${migration.name} is recorded as started but never finished; ` +
        'inspect the database, then mark it rolled back in _prisma_migrations',
      migration.name,
    );
  }
  if (previous.checksum !== migration.checksum) {
    throw new MigrationError(
      `migration ${migration.name} was edited after it was applied (checksum ${previous.checksum.slice(0, 12)}… ` +
        `≠ ${migration.checksum.slice(0, 12)}…); add a new migration instead`,
      migration.name,
    );
  }
}

async function applyOne(client: pg.Client, migration: Migration): Promise<void> {
  await client.query('BEGIN');
  try {
    const shim = await needsRetentionPolicyShim(client, migration.name);
    if (shim) await createRetentionPolicyShim(client);
    await client.query(migration.sql);
    if (shim) await dropRetentionPolicyShim(client);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw new MigrationError(
      `migration ${migration.name} failed${lineOf(migration.sql, error)}: ${messageOf(error)} — nothing was applied`,
      migration.name,
    );
  }
}

function lineOf(sql: string, error: unknown): string {
  const position = Number((error as { position?: string }).position);
  if (!Number.isInteger(position) || position < 1) return '';
  return ` at line ${sql.slice(0, position).split('\n').length}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
