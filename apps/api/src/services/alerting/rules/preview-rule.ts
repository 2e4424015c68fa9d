import {
  breaches,
  CHECK_RUN_FRESH_S,
  type CheckTrigger,
  CONTAINER_RULE_KINDS,
  type Comparator,
  checkRunHolds,
  globToRegExp,
  RULE_PREVIEW_LIMIT,
  type RulePreview,
  type RulePreviewParsed,
} from '@berth/api-contract';
import { previewRuleChecks, previewRuleContainers, previewRuleHosts } from '@berth/db/queries';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { hostScopeOf } from '../../fleet/host-scope.js';
import { inOrg } from '../../in-org.js';

type ParsedPreview = RulePreviewParsed;

/** The metric, comparison and window of a threshold rule (null for other kinds). */
function thresholdOf(preview: ParsedPreview) {
  if (preview.kind !== 'container_metric' && preview.kind !== 'host_metric') return null;
  return preview.params as {
    metric: string;
    op: Comparator;
    threshold: number;
    windowS?: number;
    mount?: string;
  };
}

/**
 * What a rule would watch now, read under the caller's organisation and host scope: matching
 * hosts, and for container rules the matching present containers, the first 50 of each with
 * the metric's current value and whether it breaches the threshold; for check rules, each
 * matching check's newest run and whether the rule would fire on it.
 */
export async function previewRule(
  ctx: ApiContext,
  principal: Principal,
  preview: ParsedPreview,
): Promise<RulePreview> {
  const threshold = thresholdOf(preview);
  const judge = (value: number | null) =>
    threshold === null || value === null ? null : breaches(threshold.op, value, threshold.threshold);
  const forContainers = CONTAINER_RULE_KINDS.includes(preview.kind);
  const checkParams =
    preview.kind === 'check' ? (preview.params as { on: CheckTrigger; checkName?: string }) : null;
  const { hosts, containers, checks } = await inOrg(ctx, principal, async (tx) => {
    const target = {
      orgId: principal.orgId,
      scope: await hostScopeOf(tx, principal),
      rule: {
        hostIds: preview.scope.hostIds,
        hostLabels: preview.scope.hostLabels,
        containerNameRegex:
          preview.scope.containerName === undefined
            ? undefined
            : globToRegExp(preview.scope.containerName).source,
        containerLabels: preview.scope.containerLabels,
        groupIds: preview.scope.groupIds,
      },
      limit: RULE_PREVIEW_LIMIT,
    };
    const hostMetric = preview.kind === 'host_metric' && threshold ? threshold.metric : null;
    const containerMetric = preview.kind === 'container_metric' && threshold ? threshold.metric : null;
    return {
      hosts: await previewRuleHosts(tx, target, { name: hostMetric, mount: threshold?.mount }),
      containers: forContainers
        ? await previewRuleContainers(tx, target, {
            name: containerMetric,
            windowS: threshold?.windowS ?? 600,
          })
        : null,
      checks: checkParams
        ? await previewRuleChecks(tx, target, {
            nameRegex:
              checkParams.checkName === undefined ? undefined : globToRegExp(checkParams.checkName).source,
            freshS: CHECK_RUN_FRESH_S,
          })
        : null,
    };
  });
  const checkItems = checks?.map((row) => ({
    hostId: row.hostId,
    hostName: row.hostName,
    containerName: row.containerName,
    checkName: row.checkName,
    status: row.status,
    latencyMs: row.latencyMs,
    slow: row.slow,
    certExpiresAt: row.certExpiresAt?.toISOString() ?? null,
    lastRunAt: row.ts.toISOString(),
    error: row.error,
    breaching: checkParams !== null && checkRunHolds(checkParams.on, row),
  }));
  const hostItems = hosts.map((row) => ({
    id: row.id,
    name: row.name,
    online: row.status === 'online',
    mount: row.mount,
    value: row.value,
    breaching: preview.kind === 'host_metric' ? judge(row.value) : null,
  }));
  const containerItems = containers?.map((row) => ({
    hostId: row.hostId,
    hostName: row.hostName,
    containerId: row.containerId,
    name: row.name,
    state: row.state,
    value: row.value,
    breaching: judge(row.value),
  }));
  const judged =
    preview.kind === 'host_metric'
      ? hostItems
      : preview.kind === 'container_metric'
        ? (containerItems ?? [])
        : null;
  return {
    hosts: { total: hosts[0]?.total ?? 0, items: hostItems },
    containers:
      containers && containerItems ? { total: containers[0]?.total ?? 0, items: containerItems } : null,
    checks: checks && checkItems ? { total: checks[0]?.total ?? 0, items: checkItems } : null,
    breaching:
      checkItems !== undefined
        ? checkItems.filter((item) => item.breaching).length
        : judged === null
          ? null
          : judged.filter((item) => item.breaching === true).length,
  };
}
