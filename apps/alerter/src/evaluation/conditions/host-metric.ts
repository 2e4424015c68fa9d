import { breaches, hostMetricReadings, METRIC_LABELS } from '@berth/api-contract';
import { hostObservation, type Observation } from '../observation.js';
import { type Condition, formatValue } from './condition.js';

/** A host reading against a threshold: the newest fresh raw sample; disks one alert per mount. */
export const evaluateHostMetric: Condition<'host_metric'> = async (input) => {
  const { rule, hosts, readings } = input;
  if (hosts.length === 0) return [];
  const { params } = rule.definition;
  const latest = await readings.hostSamples();
  const { label, unit } = METRIC_LABELS[params.metric];
  const out: Observation[] = [];
  for (const host of hosts) {
    const row = latest.get(host.id);
    if (!row) continue;
    // The one reading rule, shared with the rule preview's replay of stored history.
    for (const reading of hostMetricReadings(params.metric, row, params.mount)) {
      if (!breaches(params.op, reading.value, params.threshold)) continue;
      const where = reading.mount === undefined ? host.name : `${reading.mount} on ${host.name}`;
      out.push(
        hostObservation(rule, host, {
          summary: `${label} of ${where} is ${formatValue(reading.value, unit)} (${params.op} ${formatValue(params.threshold, unit)})`,
          value: reading.value,
          ...(reading.mount === undefined ? {} : { mount: reading.mount }),
        }),
      );
    }
  }
  return out;
};
