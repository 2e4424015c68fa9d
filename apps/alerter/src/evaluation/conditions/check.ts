import { type CheckRunReading, checkRunHolds, checkRunSummary, globToRegExp } from '@berth/api-contract';
import { checkObservation, type Observation } from '../observation.js';
import type { Condition, ScopedContainer } from './condition.js';

/**
 * A health check's newest run (docs/checks.md): down, slow, or its certificate expiring. One
 * alert per host, container name and check name; it resolves when the newest run no longer says
 * so. Runs older than CHECK_RUN_FRESH_S are not read: a check that stopped running is no data,
 * not down (host offline covers a silent host). Checks follow their container by name, so the
 * container's scope (name, labels, groups, the berth.alerts opt-out) is the check's.
 */
export const evaluateCheck: Condition<'check'> = async (input) => {
  const { rule, containers, readings, now } = input;
  if (containers.length === 0) return [];
  const { params } = rule.definition;
  const byName = new Map<string, ScopedContainer>();
  for (const scoped of containers) byName.set(`${scoped.host.id}/${scoped.container.name}`, scoped);
  const rows = await readings.checkRuns();
  const nameMatches = params.checkName ? globToRegExp(params.checkName) : null;
  const out: Observation[] = [];
  for (const row of rows) {
    const scoped = byName.get(`${row.host_id}/${row.container_name}`);
    if (!scoped) continue;
    if (nameMatches && !nameMatches.test(row.check_name)) continue;
    const run: CheckRunReading = {
      status: row.status,
      slow: row.slow,
      latencyMs: row.latency_ms,
      certExpiring: row.cert_expiring,
      certExpiresAt: row.cert_expires_at,
      error: row.error,
    };
    if (!checkRunHolds(params.on, run)) continue;
    const { summary, value } = checkRunSummary(
      params.on,
      { checkName: row.check_name, containerName: scoped.container.name, hostName: scoped.host.name },
      run,
      now,
    );
    out.push(checkObservation(rule, scoped.host, scoped.container, row.check_name, { summary, value }));
  }
  return out;
};
