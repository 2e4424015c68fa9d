import { type Matcher, matchesAll, ZMatcherSchema } from '@berth/api-contract';
import type { Tx } from '@berth/db';
import { z } from 'zod';

export type ActiveSilence = { id: string; matchers: Matcher[] };

const ZStoredMatchersSchema = z.array(ZMatcherSchema);

/**
 * Matchers as stored, checked on the way out: a row the contract no longer accepts matches
 * nothing rather than everything.
 */
export function storedMatchers(value: unknown): Matcher[] | null {
  const parsed = ZStoredMatchersSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The silences in force at `at` (started, not ended). */
export async function loadActiveSilences(tx: Tx, at = new Date()): Promise<ActiveSilence[]> {
  const rows = await tx.alertSilence.findMany({
    where: { startsAt: { lte: at }, endsAt: { gt: at } },
    select: { id: true, matchers: true },
  });
  return rows.flatMap((row) => {
    const matchers = storedMatchers(row.matchers);
    return matchers && matchers.length > 0 ? [{ id: row.id, matchers }] : [];
  });
}

/** Ids of the silences whose matchers all hold for `labels`. */
export function silencesMatching(
  silences: readonly ActiveSilence[],
  labels: Record<string, string>,
): string[] {
  return silences.filter((silence) => matchesAll(silence.matchers, labels)).map((silence) => silence.id);
}
