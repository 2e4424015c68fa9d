import { FRESH_INTERVALS } from '@berth/api-contract';
import type { ContainerObject, HostObject } from '../load-objects.js';
import type { Rule } from '../load-rules.js';
import type { Observation } from '../observation.js';
import type { Readings } from '../readings.js';

export type EvaluationSettings = {
  /** The agents' batch interval: readings older than a few of them are no data. */
  agentIntervalMs: number;
  /** The agent version this Berth ships (agent_outdated's default minimum). */
  shippedAgentVersion: string;
};

export type ScopedContainer = { host: HostObject; container: ContainerObject };

/** What a condition sees: the rule, the objects in its scope, and the evaluation's shared readings. */
export type ConditionInput<K extends Rule['definition']['kind']> = {
  readings: Readings;
  rule: Rule & { definition: Extract<Rule['definition'], { kind: K }> };
  hosts: HostObject[];
  containers: ScopedContainer[];
  now: Date;
  settings: EvaluationSettings;
};

/** FRESH_INTERVALS is shared with the rule preview's replay of stored history. */
export function freshSince(input: { now: Date; settings: EvaluationSettings }): Date {
  return new Date(input.now.getTime() - FRESH_INTERVALS * input.settings.agentIntervalMs);
}

export type Condition<K extends Rule['definition']['kind']> = (
  input: ConditionInput<K>,
) => Promise<Observation[]>;

export function formatValue(value: number, unit: string): string {
  if (unit === 'bytes' || unit === 'bytes/s') {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let v = value;
    let i = 0;
    while (Math.abs(v) >= 1024 && i < units.length - 1) {
      v /= 1024;
      i += 1;
    }
    return `${v.toFixed(1)} ${units[i]}${unit === 'bytes/s' ? '/s' : ''}`;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)}${unit === '%' ? '%' : unit ? ` ${unit}` : ''}`;
}
