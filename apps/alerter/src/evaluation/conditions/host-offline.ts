import { hostObservation, type Observation } from '../observation.js';
import type { Condition } from './condition.js';

/**
 * A host that missed `missedIntervals` batch intervals (its last batch is older), whatever its
 * status column says (that sweep runs on its own clock). Hosts never seen (pending) are not
 * offline: they have not started.
 */
export const evaluateHostOffline: Condition<'host_offline'> = async ({ rule, hosts, now, settings }) => {
  const limit = rule.definition.params.missedIntervals * settings.agentIntervalMs;
  const out: Observation[] = [];
  for (const host of hosts) {
    if (host.status === 'pending' || !host.lastSeenAt) continue;
    const silentMs = now.getTime() - host.lastSeenAt.getTime();
    if (silentMs < limit) continue;
    out.push(
      hostObservation(rule, host, {
        summary: `${host.name} is offline: no data for ${Math.round(silentMs / 1000)} s`,
        value: Math.round(silentMs / 1000),
      }),
    );
  }
  return out;
};
