/**
 * What PostgreSQL spends per row on the gateway's write path against `COPY` of the same rows, and
 * how much of the gap is row-level security: `npm run insert-floor -w @berth/bench [-- --hosts=200
 * --batches=10 --rounds=5]`.
 *
 * The rows: `makeBatchFrame` batches as bench:ingest sends them (container samples, a host sample,
 * events, health results, log lines; no inventory), one organisation. Three ways of writing them,
 * each in its own transaction that is rolled back (the tables vacuumed between), their order
 * alternating per round, PostgreSQL's CPU for it read from the backend's /proc stat:
 * - `copy`: `COPY … FROM STDIN` text as the table owner: bench:ingest's baseline;
 * - `insert_owner`: what the ingest writer runs per group (write-group.ts): its hosts locked
 *   (LOCK_HOSTS), then its one statement (WRITE_BATCH_ROWS, binary column parameters filled by the
 *   gateway's own appendBatch, the hosts' new `last_seq`; ~20,000 rows a statement), as the
 *   owner, to whom no policy applies;
 * - `insert_app`: the same statements as the runtime role through the tenant door: the product.
 * `ceiling` = copy ÷ insert_owner: the best db_ratio any `INSERT` path could reach for these rows,
 * whatever the policy costs; `rls` = insert_owner ÷ insert_app. Last line: `bench insert-floor:
 * rows=N copy_us=A insert_owner_us=B insert_app_us=C ceiling=A/B rls=B/C` (medians, µs per row).
 */
import { BatchColumns, LOCK_HOSTS, WRITE_BATCH_ROWS } from '@berth/db/ingest';
import { acceptedWindow, appendBatch } from '@berth/gateway/ingest-rows';
import type { BatchFrame } from '@berth/protocol';
import { makeBatchFrame } from '@berth/protocol/testing';
import type pg from 'pg';
import { createBenchDatabase, ownerQuery } from '../shared/bench-database.js';
import { insertHosts } from '../shared/insert-hosts.js';
import { connectMeasured, rolledBack } from '../shared/measured-backend.js';
import { percentile } from '../shared/percentile.js';
import { readOption } from '../shared/read-option.js';
import { selectDatabaseServer } from '../shared/select-database-server.js';
import { copyText } from './copy-baseline.js';
import { appendCopyRows, COPY_TABLES, type CopyRows, countBatchRows } from './encode-copy-rows.js';

const hostCount = readOption('hosts', 200);
const batches = readOption('batches', 10);
const rounds = readOption('rounds', 5);
/**
 * 0: rows in the order agents send them (every host's batch 1, then every host's batch 2…), as
 * the ingest writer gets them; 1: host by host (all of host 1's batches, then host 2's…), the
 * order bench:ingest's raw `COPY` baseline writes them in.
 */
const hostMajor = readOption('host-major', 0) === 1;
/** As the ingest writer's `rowsPerTx`: rows per statement. */
const ROWS_PER_STATEMENT = 20_000;
const VARIANTS = ['copy', 'insert_owner', 'insert_app'] as const;
type Variant = (typeof VARIANTS)[number];

// `--timescale=1`: the same rounds on TimescaleDB's hypertables (issue 20 measures both engines).
const server = selectDatabaseServer();
const database = await createBenchDatabase();
try {
  const hosts = await insertHosts(database.adminUrl, 1, hostCount);
  const orgId = hosts[0]?.orgId ?? '';
  const baseTime = Date.now() - (batches + 1) * 10_000;
  const frames: { hostId: string; frame: BatchFrame }[] = [];
  for (let seq = 1; seq <= batches; seq += 1)
    hosts.forEach((host, index) => {
      const frame = makeBatchFrame({ seq, seed: index + 1, baseTime, inventory: 'none' });
      frames.push({ hostId: host.hostId, frame });
    });
  if (hostMajor) frames.sort((a, b) => a.hostId.localeCompare(b.hostId) || a.frame.seq - b.frame.seq);
  const statements = columnStatements(frames, orgId);
  const copyTexts = copyTextsOf(frames, orgId);
  const rows = statements.reduce((sum, s) => sum + s.rows, 0);
  console.log(
    `insert-floor on ${server.engine}: ${rows} rows (${frames.length} batches of ${hostCount} hosts, ${hostMajor ? 'host by host' : 'in the order agents send them'}), ` +
      `${statements.length} statements of up to ${ROWS_PER_STATEMENT} rows, ${rounds} rounds`,
  );

  const owner = await connectMeasured(database.adminUrl);
  const app = await connectMeasured(database.appUrl);
  const measured: Record<Variant, number[]> = { copy: [], insert_owner: [], insert_app: [] };
  const walBytes: Record<Variant, number[]> = { copy: [], insert_owner: [], insert_app: [] };
  // WAL written meanwhile (by this backend alone: nothing else writes during a round).
  const walLsn = async () =>
    (
      await ownerQuery<{ lsn: string }>(database.adminUrl, 'SELECT pg_current_wal_insert_lsn()::text AS lsn')
    )[0]?.lsn ?? '0/0';
  try {
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? VARIANTS : [...VARIANTS].reverse();
      for (const variant of order) {
        await ownerQuery(database.adminUrl, `VACUUM ${COPY_TABLES.join(', ')}`);
        const session = variant === 'insert_app' ? app : owner;
        const walFrom = await walLsn();
        const start = session.cpuMs();
        const write = async (client: pg.ClientBase) => {
          if (variant === 'copy') {
            for (const table of COPY_TABLES)
              await copyText(client, `COPY ${table} FROM STDIN`, copyTexts[table]);
          } else {
            // As the ingest writer's group: its hosts locked, then rows and the hosts' new marks.
            for (const statement of statements) {
              await client.query(LOCK_HOSTS, [statement.hostIds]);
              await client.query(WRITE_BATCH_ROWS, statement.params);
            }
          }
        };
        await rolledBack(session.client, variant === 'insert_app' ? orgId : null, write);
        const usPerRow = ((session.cpuMs() - start) * 1000) / rows;
        const [wal] = await ownerQuery<{ bytes: string }>(
          database.adminUrl,
          'SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), $1::pg_lsn)::text AS bytes',
          [walFrom],
        );
        const walPerRow = Number(wal?.bytes ?? 0) / rows;
        measured[variant].push(usPerRow);
        walBytes[variant].push(walPerRow);
        console.log(
          `  round ${round + 1} ${variant}: ${usPerRow.toFixed(2)} µs/row, ${walPerRow.toFixed(0)} WAL bytes/row`,
        );
      }
    }
  } finally {
    await owner.client.end();
    await app.client.end();
  }
  const median = (values: number[]) => percentile(values, 50);
  const [copyUs, ownerUs, appUs] = VARIANTS.map((variant) => median(measured[variant]));
  const [copyWal, ownerWal, appWal] = VARIANTS.map((variant) => median(walBytes[variant]));
  if (copyUs === undefined || ownerUs === undefined || appUs === undefined)
    throw new Error('nothing measured');
  console.log(
    `  medians: COPY ${copyUs.toFixed(2)}, INSERT as the owner ${ownerUs.toFixed(2)}, as the runtime role ` +
      `${appUs.toFixed(2)} µs/row → no INSERT path reaches more than ${(copyUs / ownerUs).toFixed(2)} of COPY; ` +
      `the policy is ${((appUs / ownerUs - 1) * 100).toFixed(0)} % on top; WAL bytes per row ${copyWal?.toFixed(0)}, ` +
      `${ownerWal?.toFixed(0)}, ${appWal?.toFixed(0)}`,
  );
  console.log(
    `bench insert-floor: rows=${rows} copy_us=${copyUs.toFixed(2)} insert_owner_us=${ownerUs.toFixed(2)} ` +
      `insert_app_us=${appUs.toFixed(2)} ceiling=${(copyUs / ownerUs).toFixed(2)} rls=${(ownerUs / appUs).toFixed(2)}`,
  );
} finally {
  await database.drop();
}

/** The rows as the ingest writer's statements: BatchColumns filled by the gateway's appendBatch. */
function columnStatements(
  frames: readonly { hostId: string; frame: BatchFrame }[],
  orgId: string,
): { rows: number; hostIds: string[]; params: (string | Buffer)[] }[] {
  const out: { rows: number; hostIds: string[]; params: (string | Buffer)[] }[] = [];
  let columns = new BatchColumns();
  let marks = new Map<string, number>();
  let rows = 0;
  const flush = () => {
    if (rows > 0) {
      for (const [hostId, seq] of marks) columns.advance(columns.host(hostId), seq);
      out.push({ rows, hostIds: [...marks.keys()], params: columns.params(orgId) });
    }
    columns = new BatchColumns();
    marks = new Map();
    rows = 0;
  };
  const window = acceptedWindow(Date.now());
  for (const { hostId, frame } of frames) {
    if (appendBatch(columns, hostId, frame, window) > 0)
      throw new Error('a bench row fell outside the window');
    marks.set(hostId, frame.seq);
    rows += countBatchRows(frame);
    if (rows >= ROWS_PER_STATEMENT) flush();
  }
  flush();
  return out;
}

function copyTextsOf(frames: readonly { hostId: string; frame: BatchFrame }[], orgId: string) {
  const lines: CopyRows = {
    container_samples: [],
    host_samples: [],
    container_events: [],
    container_logs: [],
  };
  for (const { hostId, frame } of frames) appendCopyRows(lines, orgId, hostId, frame);
  return Object.fromEntries(COPY_TABLES.map((table) => [table, lines[table].join('')])) as Record<
    (typeof COPY_TABLES)[number],
    string
  >;
}
