import { Prisma } from '../generated/prisma/client.js';

/** Which table a chart reads: raw samples, or the 1-minute / 1-hour rollups. */
export type Resolution = 'raw' | '1m' | '1h';

/**
 * A chart's window, already planned: points are `binSeconds` wide, aligned to the epoch, the
 * first at `from` (a bin boundary); rows from one bin earlier are read so the first point's
 * counter rates have a predecessor.
 */
export type SeriesWindow = { resolution: Resolution; from: Date; to: Date; binSeconds: number };

/** One column of the result: an SQL expression over the binned rows `b`, and its JSON key. */
export type SeriesColumn = { key: string; expression: Prisma.Sql };

const EPOCH = Prisma.sql`TIMESTAMPTZ '1970-01-01 00:00:00+00'`;

export function timeColumn(resolution: Resolution): Prisma.Sql {
  return resolution === 'raw' ? Prisma.sql`ts` : Prisma.sql`bucket`;
}

/** `date_bin` of the time column into the window's bins. */
export function binExpression(window: SeriesWindow): Prisma.Sql {
  return Prisma.sql`date_bin(make_interval(secs => ${window.binSeconds}::float8), ${timeColumn(window.resolution)}, ${EPOCH})`;
}

/** Rows of one series: [from − bin, to) on the time column. */
export function windowCondition(window: SeriesWindow): Prisma.Sql {
  const lower = new Date(window.from.getTime() - window.binSeconds * 1000);
  const time = timeColumn(window.resolution);
  return Prisma.sql`${time} >= ${lower}::timestamptz AND ${time} < ${window.to}::timestamptz`;
}

/**
 * Bytes per second from a cumulative counter's per-bin maximum: the difference to the previous
 * bin over the time between them. A counter that went down (container restarted, counter reset)
 * gives null rather than a negative rate; so does the first bin, which has no predecessor.
 */
export function rate(column: string): Prisma.Sql {
  const c = Prisma.raw(column);
  return Prisma.sql`CASE WHEN ${c} >= lag(${c}) OVER w
    THEN round(((${c} - lag(${c}) OVER w) / extract(epoch FROM t - lag(t) OVER w))::numeric, 1)::float8 END`;
}

export const round2 = (column: string): Prisma.Sql =>
  Prisma.sql`round(${Prisma.raw(column)}::numeric, 2)::float8`;
export const whole = (column: string): Prisma.Sql => Prisma.sql`round(${Prisma.raw(column)})::float8`;

/**
 * The series as one JSON object of equally long arrays (`t` in epoch ms), built in the
 * database: one row to transfer and parse instead of one per point (measured 3 ms against
 * 35 ms for 1,440 rows through Prisma). The aggregates read a sorted subquery (no joins, so
 * its order holds) instead of sorting once per column: 12 % faster, measured.
 */
export function seriesQuery(options: {
  /** A FROM item: a table, or a subquery (rollups with their not-yet-rolled tail). */
  from: Prisma.Sql;
  binned: Prisma.Sql;
  where: Prisma.Sql;
  columns: readonly SeriesColumn[];
  window: SeriesWindow;
}): Prisma.Sql {
  const { window } = options;
  const perPoint = Prisma.join(
    options.columns.map((column) => Prisma.sql`${column.expression} AS ${Prisma.raw(`"${column.key}"`)}`),
  );
  const arrays = Prisma.join(
    options.columns.map(
      (column) =>
        Prisma.sql`${column.key}::text, coalesce(json_agg(${Prisma.raw(`"${column.key}"`)}), '[]'::json)`,
    ),
  );
  return Prisma.sql`
    WITH b AS (
      SELECT ${binExpression(window)} AS t, ${options.binned}
      FROM ${options.from}
      WHERE ${options.where} AND ${windowCondition(window)}
      GROUP BY 1
    ), r AS (
      SELECT t, ${perPoint} FROM b WINDOW w AS (ORDER BY t)
    )
    SELECT json_build_object('t', coalesce(json_agg((extract(epoch FROM t) * 1000)::float8), '[]'::json),
      ${arrays}) AS series
    FROM (SELECT * FROM r WHERE t >= ${window.from}::timestamptz ORDER BY t) r`;
}
