import { Prisma } from '../generated/prisma/client.js';

/**
 * Hosts a caller may see (team restrictions by host labels): `null` means every host of the
 * organisation; a list restricts every query to those host ids (an empty list sees nothing).
 */
export type HostScope = readonly string[] | null;

/** `AND <column> = ANY(scope)`, or nothing when unrestricted. */
export function scopeCondition(column: Prisma.Sql, scope: HostScope): Prisma.Sql {
  return scope === null ? Prisma.empty : Prisma.sql`AND ${column} = ANY(${[...scope]}::uuid[])`;
}

/** A `%…%` ILIKE pattern matching `text` literally (`%`, `_` and `\` escaped; ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** Conditions joined with AND (TRUE when there are none). */
export function allOf(conditions: readonly Prisma.Sql[]): Prisma.Sql {
  return conditions.length === 0 ? Prisma.sql`TRUE` : Prisma.join(conditions, ' AND ');
}

/** A timestamp rendered with microseconds, exact enough to resume a keyset after it. */
export function microsText(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** A label selector: `key=value` matches that value, a bare `key` any value. */
export type LabelMatch = { key: string; value?: string | undefined };

export function labelConditions(column: Prisma.Sql, labels: readonly LabelMatch[]): Prisma.Sql[] {
  return labels.map((label) =>
    label.value === undefined
      ? Prisma.sql`(${column} -> ${label.key}::text) IS NOT NULL`
      : Prisma.sql`${column} @> ${JSON.stringify({ [label.key]: label.value })}::jsonb`,
  );
}
