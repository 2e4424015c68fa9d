import { createHash } from 'node:crypto';
import type { ContainerObject, HostObject } from './load-objects.js';
import type { Rule } from './load-rules.js';

/**
 * One object for which a rule's condition holds now. `key` names the object within the rule
 * (host, host + container name, host + mount); the fingerprint hashes rule and key, so one
 * condition is one alert however many evaluations repeat it.
 */
export type Observation = {
  key: string;
  hostId: string;
  containerName: string | null;
  containerId: string | null;
  labels: Record<string, string>;
  summary: string;
  value: number | null;
};

export function fingerprintOf(ruleId: string, key: string): string {
  return createHash('sha256').update(`${ruleId}\u0000${key}`).digest('hex').slice(0, 32);
}

function baseLabels(rule: Rule, host: HostObject): Record<string, string> {
  return { rule: rule.name, kind: rule.definition.kind, severity: rule.severity, host: host.name };
}

export function hostObservation(
  rule: Rule,
  host: HostObject,
  fields: { summary: string; value: number | null; mount?: string },
): Observation {
  const labels = baseLabels(rule, host);
  if (fields.mount !== undefined) labels.mount = fields.mount;
  return {
    key: fields.mount === undefined ? `host:${host.id}` : `host:${host.id}:mount:${fields.mount}`,
    hostId: host.id,
    containerName: null,
    containerId: null,
    labels,
    summary: fields.summary.slice(0, 1000),
    value: fields.value,
  };
}

/** By host + container name, not id: a recreated container continues the same alert. */
export function containerObservation(
  rule: Rule,
  host: HostObject,
  container: ContainerObject,
  fields: { summary: string; value: number | null },
): Observation {
  return {
    key: `container:${host.id}:${container.name}`,
    hostId: host.id,
    containerName: container.name,
    containerId: container.shortId,
    labels: { ...baseLabels(rule, host), container: container.name },
    summary: fields.summary.slice(0, 1000),
    value: fields.value,
  };
}

/** By host, container name and check name: each check of a container is its own alert. */
export function checkObservation(
  rule: Rule,
  host: HostObject,
  container: ContainerObject,
  checkName: string,
  fields: { summary: string; value: number | null },
): Observation {
  const base = containerObservation(rule, host, container, fields);
  return {
    ...base,
    key: `check:${host.id}:${container.name}:${checkName}`,
    labels: { ...base.labels, check: checkName },
  };
}
