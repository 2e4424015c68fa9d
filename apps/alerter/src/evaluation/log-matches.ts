import type pg from 'pg';
import type { Rule } from './load-rules.js';

type LogPatternParams = Extract<Rule['definition'], { kind: 'log_pattern' }>['params'];

export type LogRule = { id: string; params: LogPatternParams };

/** Counts keyed `hostId/containerShortId`. */
export type ContainerCounts = Map<string, number>;

/** What one host's lines matched, up to `seq` (the host's `last_seq` when last read). */
type HostMatches = {
  /** The organisation's log rules these were counted for: another set starts the host over. */
  signature: string;
  seq: number;
  /** rule id → `hostId/container` → times (epoch ms) of the matching lines still in a window. */
  matches: Map<string, Map<string, number[]>>;
};

/**
 * Log lines matched per rule, read once: the alerter remembers, per host, the time of each
 * matching line and the host's `last_seq` when it last read, and afterwards reads only the
 * lines of later batches. Sound because the gateway writes a host's lines and advances its
 * `last_seq` in one statement, one batch after another under the host's row lock: a statement
 * that sees `last_seq` = n sees every line of batches ≤ n, and no line of those commits later.
 * Each window is applied to the remembered times at every evaluation, so lines age out as they
 * did when the window was re-read. Before, every evaluation re-read every line of its hosts in
 * the window, once per rule: a quarter of the database's busy time (docs/benchmarks.md).
 * Per process: a replica that takes a host over reads its window once, then the same way.
 */
export class LogMatchMemory {
  private readonly hosts = new Map<string, HostMatches>();
  /** Rules whose pattern PostgreSQL rejected: counted alone (and failing), not with the others. */
  private readonly rejected = new Set<string>();
  /**
   * Rule sets (signatures) whose read PostgreSQL has run without error: their patterns compile,
   * so the read needs no savepoint (two round trips fewer per evaluation, and each round trip
   * is a socket write the alerter pays for in CPU, docs/benchmarks.md). Should such a read fail
   * all the same (a cancelled statement), the evaluation fails with it and the set is forgotten:
   * the next evaluation reads under a savepoint again, and finds and sets aside a culprit.
   */
  private readonly compiled = new Set<string>();
  /** Per organisation: its pass and its events may evaluate at once, and both move its hosts' marks. */
  private readonly turns = new Map<string, Promise<unknown>>();

  /**
   * Counts for each of `rules` on `hostIds` at `now`; a rule whose pattern PostgreSQL rejects
   * gets its error instead. Runs under savepoints: a rejected pattern does not abort the
   * evaluation's transaction.
   */
  count(
    client: pg.ClientBase,
    orgId: string,
    hostIds: readonly string[],
    now: Date,
    rules: readonly LogRule[],
  ): Promise<Map<string, ContainerCounts | Error>> {
    const previous = this.turns.get(orgId) ?? Promise.resolve();
    const turn = previous.then(
      () => this.countNow(client, hostIds, now, rules),
      () => this.countNow(client, hostIds, now, rules),
    );
    this.turns.set(orgId, turn);
    const forget = () => {
      if (this.turns.get(orgId) === turn) this.turns.delete(orgId);
    };
    turn.then(forget, forget);
    return turn;
  }

  private async countNow(
    client: pg.ClientBase,
    hostIds: readonly string[],
    now: Date,
    rules: readonly LogRule[],
  ): Promise<Map<string, ContainerCounts | Error>> {
    const out = new Map<string, ContainerCounts | Error>();
    if (rules.length === 0 || hostIds.length === 0) return out;
    const keyOf = (rule: LogRule) => `${rule.id}\u0000${JSON.stringify(rule.params)}`;
    const good = rules.filter((rule) => !this.rejected.has(keyOf(rule)));
    const signature = good.map(keyOf).sort().join('\u0001');
    if (good.length > 0) {
      const read = this.compiled.has(signature)
        ? await this.readNew(client, hostIds, now, good, signature).catch((error: unknown) => {
            this.compiled.delete(signature);
            throw error;
          })
        : await underSavepoint(client, () => this.readNew(client, hostIds, now, good, signature));
      if (!(read instanceof Error)) {
        if (this.compiled.size >= 1000) this.compiled.clear();
        this.compiled.add(signature);
      }
      if (read instanceof Error) {
        // One of them is rejected: find which and remember it, then count the others again.
        let found = false;
        for (const rule of good) {
          const alone = await underSavepoint(client, () => readNewLines(client, hostIds, now, [rule], null));
          if (!(alone instanceof Error)) continue;
          this.rejected.add(keyOf(rule));
          found = true;
        }
        for (const host of hostIds) this.hosts.delete(host);
        if (!found) {
          for (const rule of rules) out.set(rule.id, read);
          return out;
        }
        return this.countNow(client, hostIds, now, rules);
      }
      for (const rule of good) out.set(rule.id, this.counted(rule, hostIds, now));
    }
    for (const rule of rules) {
      if (!this.rejected.has(keyOf(rule))) continue;
      const alone = await underSavepoint(client, () => readNewLines(client, hostIds, now, [rule], null));
      out.set(rule.id, alone instanceof Error ? alone : countFresh(alone.lines, rule, now));
    }
    return out;
  }

  private async readNew(
    client: pg.ClientBase,
    hostIds: readonly string[],
    now: Date,
    rules: readonly LogRule[],
    signature: string,
  ): Promise<void> {
    const after = new Map<string, number>();
    for (const host of hostIds) {
      const known = this.hosts.get(host);
      if (known && known.signature === signature) after.set(host, known.seq);
    }
    const { marks, lines } = await readNewLines(client, hostIds, now, rules, after);
    const widestMs = Math.max(...rules.map((rule) => rule.params.windowS)) * 1000;
    const oldest = now.getTime() - widestMs;
    for (const host of hostIds) {
      let state = this.hosts.get(host);
      if (!state || state.signature !== signature || !after.has(host)) {
        state = { signature, seq: -1, matches: new Map() };
        this.hosts.set(host, state);
      }
      state.seq = marks.get(host) ?? state.seq;
      // Lines that left the widest window never count again.
      for (const byContainer of state.matches.values()) {
        for (const [key, times] of byContainer) {
          const kept = times.filter((t) => t > oldest);
          if (kept.length === 0) byContainer.delete(key);
          else if (kept.length !== times.length) byContainer.set(key, kept);
        }
      }
    }
    for (const line of lines) {
      const rule = rules[line.i - 1];
      const state = this.hosts.get(line.host_id);
      if (!rule || !state) continue;
      const byContainer = state.matches.get(rule.id) ?? new Map<string, number[]>();
      state.matches.set(rule.id, byContainer);
      const key = `${line.host_id}/${line.container_id}`;
      const times = byContainer.get(key);
      if (times) times.push(line.ts.getTime());
      else byContainer.set(key, [line.ts.getTime()]);
    }
  }

  private counted(rule: LogRule, hostIds: readonly string[], now: Date): ContainerCounts {
    const from = now.getTime() - rule.params.windowS * 1000;
    const to = now.getTime();
    const counts: ContainerCounts = new Map();
    for (const host of hostIds) {
      for (const [key, times] of this.hosts.get(host)?.matches.get(rule.id) ?? []) {
        const n = times.filter((t) => t > from && t <= to).length;
        if (n > 0) counts.set(key, n);
      }
    }
    return counts;
  }
}

type MatchedLine = { i: number; host_id: string; container_id: string; ts: Date };

function countFresh(lines: readonly MatchedLine[], rule: LogRule, now: Date): ContainerCounts {
  const from = now.getTime() - rule.params.windowS * 1000;
  const counts: ContainerCounts = new Map();
  for (const line of lines) {
    const t = line.ts.getTime();
    if (t <= from || t > now.getTime()) continue;
    const key = `${line.host_id}/${line.container_id}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

async function underSavepoint<T>(client: pg.ClientBase, run: () => Promise<T>): Promise<T | Error> {
  await client.query('SAVEPOINT log_matches');
  try {
    const value = await run();
    await client.query('RELEASE SAVEPOINT log_matches');
    return value;
  } catch (error) {
    await client.query('ROLLBACK TO SAVEPOINT log_matches; RELEASE SAVEPOINT log_matches');
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** LIKE's own metacharacters taken literally (the default escape is the backslash). */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** How a pattern is tested: `~` / `~*` for regular expressions, position() / ILIKE for text. */
function matchMode(params: LogPatternParams): { mode: 're' | 're_i' | 'text' | 'text_i'; pattern: string } {
  if (params.match === 'regex')
    return { mode: params.caseSensitive ? 're' : 're_i', pattern: params.pattern };
  return params.caseSensitive
    ? { mode: 'text', pattern: params.pattern }
    : { mode: 'text_i', pattern: likeLiteral(params.pattern) };
}

/**
 * The matching lines (rule by 1-based position, host, container, time) of the hosts' batches
 * after `after` (a host not in it, or null: its whole widest window), and each host's
 * `last_seq`, in one statement (one snapshot). Lines the agent's rate cap dropped (dropped > 0,
 * empty line) are not lines. Lines stamped after `now` are kept: they count once `now` passes
 * them, as they did when the window was re-read.
 */
async function readNewLines(
  client: pg.ClientBase,
  hostIds: readonly string[],
  now: Date,
  rules: readonly LogRule[],
  after: ReadonlyMap<string, number> | null,
): Promise<{ marks: Map<string, number>; lines: MatchedLine[] }> {
  const modes = rules.map((rule) => matchMode(rule.params));
  const widestS = Math.max(...rules.map((rule) => rule.params.windowS));
  const { rows } = await client.query<MatchedLine & { last_seq: string | null }>(
    `WITH b AS (SELECT * FROM unnest($1::uuid[], $2::bigint[]) AS b(host_id, after_seq)),
     p AS MATERIALIZED (SELECT * FROM unnest($4::text[], $5::text[], $6::text[], $7::float8[])
                                  WITH ORDINALITY AS p(mode, pattern, stream, window_s, i)),
     -- The new lines, read once (heap and index): joined with the patterns as they were, the
     -- planner re-read them once per pattern. One index range per host (host_id, batch_seq >
     -- after): as a plain join, a day partition without statistics yet was scanned whole for
     -- every evaluation; OFFSET 0 keeps the subquery per host, so it cannot become that join.
     new_lines AS MATERIALIZED (
       SELECT l.host_id, l.container_id, l.ts, l.stream, l.line
         FROM b CROSS JOIN LATERAL (
           SELECT l.host_id, l.container_id, l.ts, l.stream, l.line FROM container_logs l
            WHERE l.host_id = b.host_id AND l.batch_seq > b.after_seq
              AND l.ts > $3::timestamptz - make_interval(secs => $8) AND l.dropped = 0
           OFFSET 0) l)
     SELECT NULL::int AS i, h.id AS host_id, NULL::text AS container_id, NULL::timestamptz AS ts, h.last_seq
       FROM hosts h JOIN b ON b.host_id = h.id
     UNION ALL
     SELECT p.i::int, l.host_id, l.container_id, l.ts, NULL
       FROM new_lines l JOIN p ON l.ts > $3::timestamptz - make_interval(secs => p.window_s)
             AND (p.stream IS NULL OR l.stream = p.stream)
             AND CASE p.mode WHEN 're' THEN l.line ~ p.pattern
                             WHEN 're_i' THEN l.line ~* p.pattern
                             WHEN 'text' THEN position(p.pattern in l.line) > 0
                             ELSE l.line ILIKE '%' || p.pattern || '%' END`,
    [
      hostIds,
      hostIds.map((host) => after?.get(host) ?? -1),
      now,
      modes.map((m) => m.mode),
      modes.map((m) => m.pattern),
      rules.map((rule) => (rule.params.stream === 'any' ? null : rule.params.stream)),
      rules.map((rule) => rule.params.windowS),
      widestS,
    ],
  );
  const marks = new Map<string, number>();
  const lines: MatchedLine[] = [];
  for (const row of rows) {
    if (row.i === null) marks.set(row.host_id, Number(row.last_seq));
    else lines.push(row);
  }
  return { marks, lines };
}
