import { Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../with-org.js';
import { allOf, containsPattern, microsText } from './sql-helpers.js';

/** Position of a log line: its timestamp (µs, ISO text) and its place in the batch that carried it. */
export type LogKey = { ts: string; batchSeq: string; lineNo: number };

export type LogQuery = {
  orgId: string;
  hostId: string;
  containerId: string;
  from: Date;
  to: Date;
  stream?: 'stdout' | 'stderr' | undefined;
  /** Case-insensitive substring; markers of dropped lines are kept so gaps stay visible. */
  q?: string | undefined;
  order: 'asc' | 'desc';
  after: LogKey | null;
  limit: number;
};

export type LogRow = {
  ts: Date;
  stream: 'stdout' | 'stderr';
  line: string;
  /** > 0: a marker for that many lines the agent's rate cap discarded (line is empty). */
  dropped: number;
  key: LogKey;
};

export function containerLogsSql(query: LogQuery): Prisma.Sql {
  const conditions = [
    Prisma.sql`org_id = ${query.orgId}::uuid AND host_id = ${query.hostId}::uuid`,
    Prisma.sql`container_id = ${query.containerId}`,
    Prisma.sql`ts >= ${query.from}::timestamptz AND ts < ${query.to}::timestamptz`,
  ];
  if (query.stream) conditions.push(Prisma.sql`stream = ${query.stream}`);
  if (query.q)
    conditions.push(Prisma.sql`(line ILIKE ${containsPattern(query.q)} ESCAPE '\\' OR dropped > 0)`);
  const direction = Prisma.raw(query.order === 'asc' ? 'ASC' : 'DESC');
  if (query.after) {
    const after = query.after;
    const right = Prisma.sql`(${after.ts}::timestamptz, ${after.batchSeq}::bigint, ${after.lineNo}::int)`;
    conditions.push(
      query.order === 'asc'
        ? Prisma.sql`(ts, batch_seq, line_no) > ${right}`
        : Prisma.sql`(ts, batch_seq, line_no) < ${right}`,
    );
  }
  return Prisma.sql`
    SELECT ts, ${microsText(Prisma.sql`ts`)} AS ts_key, stream, line, dropped, batch_seq::text AS batch_seq, line_no
    FROM container_logs WHERE ${allOf(conditions)}
    ORDER BY ts ${direction}, batch_seq ${direction}, line_no ${direction} LIMIT ${query.limit + 1}`;
}

/** A page of one container's stored log lines (index: host, container, ts, batch_seq, line_no). */
export async function queryContainerLogs(tx: Tx, query: LogQuery): Promise<LogRow[]> {
  const rows = await tx.$queryRaw<
    {
      ts: Date;
      ts_key: string;
      stream: 'stdout' | 'stderr';
      line: string;
      dropped: number;
      batch_seq: string;
      line_no: number;
    }[]
  >(containerLogsSql(query));
  return rows.map((row) => ({
    ts: row.ts,
    stream: row.stream,
    line: row.line,
    dropped: row.dropped,
    key: { ts: row.ts_key, batchSeq: row.batch_seq, lineNo: row.line_no },
  }));
}
