import { containerObservation, type Observation } from '../observation.js';
import type { Condition } from './condition.js';

/** Re-exported: the pure-logic tests check it. */
export { likeLiteral } from '../log-matches.js';

/**
 * Matching log lines per container in the window, counted by PostgreSQL under the
 * organisation's scope, all the evaluation's log rules in one scan (readings.ts).
 */
export const evaluateLogPattern: Condition<'log_pattern'> = async (input) => {
  const { rule, containers, readings } = input;
  if (containers.length === 0) return [];
  const { params } = rule.definition;
  const counts = await readings.logCounts(rule);
  const out: Observation[] = [];
  for (const { host, container } of containers) {
    const n = counts.get(container.key) ?? 0;
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
