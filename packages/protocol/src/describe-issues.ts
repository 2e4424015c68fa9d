import type * as z from 'zod/mini';

type Issue = z.core.$ZodIssue;
type PathSegment = PropertyKey;

/** Reasons end up in logs and `error` frames; attacker-chosen keys must not make them huge. */
const MAX_REASON_CHARS = 300;
const MAX_KEY_CHARS = 40;

/**
 * Turns zod issues into one line naming the field, e.g.
 * `batch.containerSamples[3].cpuPct: expected number, received string (and 2 more)`.
 */
export function describeIssues(frameType: string, issues: readonly Issue[]): string {
  const first = issues[0];
  if (!first) return `${frameType}: invalid`;
  const { path, message } = resolveUnion(first, []);
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return truncate(`${formatPath(frameType, path)}: ${message}${more}`, MAX_REASON_CHARS);
}

/** Joins a path the way a reader writes it in code: `a.b[3]["odd key"]`. */
export function formatPath(root: string, path: readonly PathSegment[]): string {
  let out = root;
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment))
      out += `.${truncate(segment, MAX_KEY_CHARS)}`;
    else out += `[${JSON.stringify(truncate(String(segment), MAX_KEY_CHARS))}]`;
  }
  return out;
}

/**
 * A failed union reports every branch; the useful one is the branch the sender evidently meant:
 * the fewest issues, preferring a wrong value over a missing one.
 */
function resolveUnion(
  issue: Issue,
  prefix: readonly PathSegment[],
): { path: PathSegment[]; message: string } {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    let best: readonly Issue[] | undefined;
    for (const branch of issue.errors) {
      if (branch.length > 0 && (!best || score(branch) < score(best))) best = branch;
    }
    const chosen = best?.[0];
    if (chosen) return resolveUnion(chosen, path);
  }
  return { path, message: cleanMessage(issue.message) };
}

function score(branch: readonly Issue[]): number {
  return branch.length * 2 + (branch[0]?.message.endsWith('received undefined') ? 1 : 0);
}

function cleanMessage(message: string): string {
  return message.replace(/^Invalid input: /, '');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
