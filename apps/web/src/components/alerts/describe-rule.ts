import {
  CHECK_TRIGGER_LABELS,
  type CheckTrigger,
  IMAGE_UPDATE_CLASS_LABELS,
  type ImageUpdateClass,
  METRIC_LABELS,
  type RuleScope,
} from '@berth/api-contract';
import type { AlertRule } from '@/lib/api/alert-rules';

/** A rule's condition in a few words: `CPU > 80 %`, `container died`, `offline 3 intervals`. */
export function describeCondition(rule: Pick<AlertRule, 'kind' | 'params'>): string {
  const p = rule.params as Record<string, string | number | boolean | undefined>;
  switch (rule.kind) {
    case 'container_metric':
    case 'host_metric': {
      const metric = METRIC_LABELS[p.metric as keyof typeof METRIC_LABELS];
      const unit = metric?.unit === '%' ? ' %' : metric?.unit ? ` ${metric.unit}` : '';
      const mount = p.mount ? ` on ${p.mount}` : '';
      return `${metric?.label ?? p.metric}${mount} ${p.op} ${p.threshold}${unit}`;
    }
    case 'container_state':
      if (p.event === 'crash_loop') return `crash loop (${p.restarts} restarts in ${p.windowMinutes} min)`;
      if (p.event === 'healing_gave_up') return `auto-restart gave up (within ${p.windowMinutes} min)`;
      return `container ${String(p.event).replaceAll('_', ' ')}`;
    case 'host_offline':
      return `offline for ${p.missedIntervals} heartbeats`;
    case 'agent_outdated':
      return p.minVersion ? `agent below ${p.minVersion}` : 'agent below the current release';
    case 'log_pattern':
      return `${p.count ?? 1}+ log lines ${p.match === 'regex' ? 'matching' : 'containing'} “${p.pattern}”`;
    case 'check':
      return `${p.checkName ? `check ${p.checkName}` : 'a health check'} ${CHECK_TRIGGER_LABELS[p.on as CheckTrigger] ?? p.on}`;
    case 'image_update':
      return `image update: ${IMAGE_UPDATE_CLASS_LABELS[(p.minClass ?? 'digest') as ImageUpdateClass] ?? p.minClass}`;
  }
}

/** What a scope watches, in words (names where the page knows them). */
export function describeScope(
  scope: RuleScope,
  names: { hosts: ReadonlyMap<string, string>; groups: ReadonlyMap<string, string> },
): string {
  const parts: string[] = [];
  if (scope.hostIds?.length)
    parts.push(`hosts ${scope.hostIds.map((id) => names.hosts.get(id) ?? id.slice(0, 8)).join(', ')}`);
  if (scope.hostLabels?.length)
    parts.push(
      `host labels ${scope.hostLabels.map((l) => (l.value === undefined ? l.key : `${l.key}=${l.value}`)).join(', ')}`,
    );
  if (scope.containerName) parts.push(`containers ${scope.containerName}`);
  if (scope.containerLabels?.length)
    parts.push(
      `container labels ${scope.containerLabels.map((l) => (l.value === undefined ? l.key : `${l.key}=${l.value}`)).join(', ')}`,
    );
  if (scope.groupIds?.length)
    parts.push(`groups ${scope.groupIds.map((id) => names.groups.get(id) ?? id.slice(0, 8)).join(', ')}`);
  return parts.length ? parts.join('; ') : 'the whole organisation';
}
