import { breaches, containerMetricValue, METRIC_LABELS } from '@berth/api-contract';
import { containerObservation, type Observation } from '../observation.js';
import { type Condition, formatValue } from './condition.js';

/**
 * A container reading against a threshold: the newest raw sample (rates from the counters of
 * the newest two), or for `restarts` the container's deaths in the window. No fresh sample: no
 * data, the condition is false (so a stopped container's alert resolves).
 */
export const evaluateContainerMetric: Condition<'container_metric'> = async (input) => {
  const { rule, containers, readings, now } = input;
  if (containers.length === 0) return [];
  const { params } = rule.definition;
  const values = new Map<string, number>();
  if (params.metric === 'restarts') {
    const deaths = await readings.eventCounts('die', new Date(now.getTime() - params.windowS * 1000), false);
    // A container without deaths restarted zero times: a `< 1` rule may hold for it.
    for (const { container } of containers) {
      values.set(container.key, deaths.get(container.key) ?? 0);
    }
  } else {
    const samples = await readings.containerSamples();
    for (const { container } of containers) {
      const newest = samples.get(container.key);
      if (!newest) continue;
      // The one reading rule, shared with the rule preview's replay of stored history.
      const value = containerMetricValue(params.metric, newest);
      if (value !== null) values.set(container.key, value);
    }
  }
  const { label, unit } = METRIC_LABELS[params.metric];
  const out: Observation[] = [];
  for (const { host, container } of containers) {
    const value = values.get(container.key);
    if (value === undefined || !breaches(params.op, value, params.threshold)) continue;
    out.push(
      containerObservation(rule, host, container, {
        summary: `${label} of ${container.name} on ${host.name} is ${formatValue(value, unit)} (${params.op} ${formatValue(params.threshold, unit)})`,
        value,
      }),
    );
  }
  return out;
};
