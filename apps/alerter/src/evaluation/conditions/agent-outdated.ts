import { compareSemver } from '@berth/protocol';
import { hostObservation, type Observation } from '../observation.js';
import type { Condition } from './condition.js';

/** A host whose agent is older than the rule's minimum, or than the agent this Berth ships. */
export const evaluateAgentOutdated: Condition<'agent_outdated'> = async ({ rule, hosts, settings }) => {
  const minimum = rule.definition.params.minVersion ?? settings.shippedAgentVersion;
  const out: Observation[] = [];
  for (const host of hosts) {
    if (!host.agentVersion) continue;
    if (compareSemver(host.agentVersion, minimum) !== -1) continue;
    out.push(
      hostObservation(rule, host, {
        summary: `${host.name} runs agent ${host.agentVersion}, older than ${minimum}`,
        value: null,
      }),
    );
  }
  return out;
};
