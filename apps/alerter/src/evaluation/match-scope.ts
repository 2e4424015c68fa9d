import { globToRegExp, type RuleScope } from '@berth/api-contract';
import type { ContainerObject, HostObject } from './load-objects.js';

/** The per-container opt-out: a container labelled `berth.alerts=false` is never alerted on. */
export const OPT_OUT_LABEL = 'berth.alerts';

type LabelMatcher = { key: string; value?: string | undefined };

function labelsMatch(matchers: readonly LabelMatcher[] | undefined, labels: Record<string, string>): boolean {
  return (matchers ?? []).every(
    (m) => Object.hasOwn(labels, m.key) && (m.value === undefined || labels[m.key] === m.value),
  );
}

/** Every scope member must hold (AND); an absent member matches everything. */
export function hostInScope(scope: RuleScope, host: HostObject): boolean {
  if (scope.hostIds && !scope.hostIds.includes(host.id)) return false;
  return labelsMatch(scope.hostLabels, host.labels);
}

export function containerInScope(scope: RuleScope, host: HostObject, container: ContainerObject): boolean {
  if (container.labels[OPT_OUT_LABEL]?.toLowerCase() === 'false') return false;
  if (!hostInScope(scope, host)) return false;
  if (scope.containerName && !globToRegExp(scope.containerName).test(container.name)) return false;
  if (!labelsMatch(scope.containerLabels, container.labels)) return false;
  if (scope.groupIds && scope.groupIds.length > 0) {
    if (!scope.groupIds.some((id) => container.groupIds.includes(id))) return false;
  }
  return true;
}
