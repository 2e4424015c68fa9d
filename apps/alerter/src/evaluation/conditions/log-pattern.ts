import { containerObservation, type Observation } from '../observation.js';
import type { Condition } from './condition.js';

/** LIKE's own metacharacters taken literally (the default escape is the backslash). */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/**
 * Matching log lines per container in the window, counted by PostgreSQL under the
 * organisation's scope: `~` / `~*` for regular expressions, position() / ILIKE for text.
 * Lines the agent's rate cap dropped (dropped > 0, empty line) are not lines.
 */
export const evaluateLogPattern: Condition<'log_pattern'> = async (input) => {
  const { rule, containers, client, now } = input;
  if (containers.length === 0) return [];
  const { params } = rule.definition;
  const match =
    params.match === 'regex'
      ? params.caseSensitive
        ? 'line ~ $4'
        : 'line ~* $4'
      : params.caseSensitive
        ? 'position($4 in line) > 0'
        : `line ILIKE '%' || $4 || '%'`;
  const pattern =
    params.match === 'substring' && !params.caseSensitive ? likeLiteral(params.pattern) : params.pattern;
  const { rows } = await client.query<{ host_id: string; container_id: string; n: string }>(
    `SELECT host_id, container_id, count(*) AS n FROM container_logs
      WHERE host_id = ANY($1) AND ts > $2 AND ts <= $3 AND dropped = 0
        AND ($5::text IS NULL OR stream = $5) AND ${match}
      GROUP BY host_id, container_id`,
    [
      [...new Set(containers.map((c) => c.host.id))],
      new Date(now.getTime() - params.windowS * 1000),
      now,
      pattern,
      params.stream === 'any' ? null : params.stream,
    ],
  );
  const counts = new Map(rows.map((row) => [`${row.host_id}/${row.container_id}`, Number(row.n)]));
  const out: Observation[] = [];
  for (const { host, container } of containers) {
    const n = counts.get(`${host.id}/${container.shortId}`) ?? 0;
    if (n < params.count) continue;
    out.push(
      containerObservation(rule, host, container, {
        summary: `${n} log line${n === 1 ? '' : 's'} of ${container.name} on ${host.name} matched "${params.pattern.slice(0, 100)}" in ${Math.round(params.windowS / 60)} min`,
        value: n,
      }),
    );
  }
  return out;
};
