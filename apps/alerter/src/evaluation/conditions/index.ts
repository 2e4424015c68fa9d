import type { Rule } from '../load-rules.js';
import type { Observation } from '../observation.js';
import { evaluateAgentOutdated } from './agent-outdated.js';
import { evaluateCheck } from './check.js';
import type { ConditionInput } from './condition.js';
import { evaluateContainerMetric } from './container-metric.js';
import { evaluateContainerState } from './container-state.js';
import { evaluateHostMetric } from './host-metric.js';
import { evaluateHostOffline } from './host-offline.js';
import { evaluateImageUpdate } from './image-update.js';
import { evaluateLogPattern } from './log-pattern.js';

/** One entry per rule kind: a new kind is one condition module and one line here. */
export function evaluateCondition(
  input: Omit<ConditionInput<never>, 'rule'> & { rule: Rule },
): Promise<Observation[]> {
  const { rule } = input;
  switch (rule.definition.kind) {
    case 'container_metric':
      return evaluateContainerMetric(input as ConditionInput<'container_metric'>);
    case 'host_metric':
      return evaluateHostMetric(input as ConditionInput<'host_metric'>);
    case 'container_state':
      return evaluateContainerState(input as ConditionInput<'container_state'>);
    case 'host_offline':
      return evaluateHostOffline(input as ConditionInput<'host_offline'>);
    case 'agent_outdated':
      return evaluateAgentOutdated(input as ConditionInput<'agent_outdated'>);
    case 'log_pattern':
      return evaluateLogPattern(input as ConditionInput<'log_pattern'>);
    case 'check':
      return evaluateCheck(input as ConditionInput<'check'>);
    case 'image_update':
      return evaluateImageUpdate(input as ConditionInput<'image_update'>);
  }
}
