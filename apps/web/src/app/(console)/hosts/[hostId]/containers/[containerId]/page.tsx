import { UPDATE_POLICY_LABEL } from '@berth/api-contract';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ContainerAlertsBadge } from '@/components/alerts/host-alerts-badge';
import { AutohealPolicyPanel } from '@/components/checks/autoheal-policy-panel';
import { CheckDefinitionsPanel } from '@/components/checks/check-definitions-panel';
import { ContainerChecks } from '@/components/checks/container-checks';
import { ContainerView } from '@/components/container/container-view';
import { hasRole } from '@/components/settings/role-gate';
import { PageHeader } from '@/components/ui/page-header';
import { ContainerUpdatePolicyPanel } from '@/components/updates/container-update-policy-panel';
import { containerRuleOf } from '@/components/updates/describe-update-policy';
import { UpdateAvailableBadge } from '@/components/updates/update-available-badge';
import { getWebEnv } from '@/env';
import { ApiError } from '@/lib/api/api-error';
import { listAutohealPolicies } from '@/lib/api/autoheal-policies';
import { listCheckDefinitions } from '@/lib/api/check-definitions';
import { listChecks } from '@/lib/api/checks';
import { listContainerGroups } from '@/lib/api/container-groups';
import { getContainer } from '@/lib/api/containers';
import { getExecSettings } from '@/lib/api/exec-sessions';
import { getHost } from '@/lib/api/hosts';
import { listImageUpdates } from '@/lib/api/image-updates';
import { getContainerMetrics } from '@/lib/api/metrics';
import { getServerApi } from '@/lib/api/server-api';
import { listUpdatePolicies } from '@/lib/api/update-policies';
import { getContainerUpdatePolicy } from '@/lib/api/updates';
import { isTimeRange, type TimeRange } from '@/lib/chart-data';
import { containerUpdateBadge } from '@/lib/fleet/image-update-rows';
import { containerCharts } from '@/lib/fleet/metrics-charts';
import { loadMe } from '../../../../load-me';

export const metadata: Metadata = { title: 'Container' };

function notFoundOn404(error: unknown): never {
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) notFound();
  throw error;
}

export default async function ContainerPage({
  params,
  searchParams,
}: {
  params: Promise<{ hostId: string; containerId: string }>;
  searchParams: Promise<{ range?: string | string[] }>;
}) {
  const [{ hostId, containerId }, search] = await Promise.all([params, searchParams]);
  const range: TimeRange = isTimeRange(search.range) ? search.range : '1h';
  const ref = { hostId, containerId };
  const api = await getServerApi();
  // The charts' first range is loaded here, beside the container, so they paint with the page.
  const [me, container, host, metrics, groups, execSettings] = await Promise.all([
    loadMe(),
    getContainer(api, ref).catch(notFoundOn404),
    getHost(api, hostId).catch(notFoundOn404),
    getContainerMetrics(api, ref, { range }).catch(() => null),
    listContainerGroups(api),
    getExecSettings(api).catch(() => null),
  ]);
  // The checks' latest runs and the checks defined in Berth for this container, read together.
  const [checks, definitions, policies, updates, updateRules, updatePolicy] = await Promise.all([
    listChecks(api, { hostId, containerName: container.name }).catch(() => null),
    listCheckDefinitions(api, { hostId, containerName: container.name }),
    listAutohealPolicies(api, { hostId, containerName: container.name }),
    // The Updates page's list, read once: the header says when this container's image is behind.
    listImageUpdates(api).catch(() => null),
    listUpdatePolicies(api).catch(() => null),
    getContainerUpdatePolicy(api, ref).catch(() => null),
  ]);
  const update = updates ? containerUpdateBadge(updates.items, ref) : null;
  const canChangeGroups = hasRole(me.org?.role, 'operator');
  const firstPort = container.ports.find((port) => port.type === 'tcp')?.privatePort;
  return (
    <>
      <PageHeader
        title={container.name}
        description={`${container.image} on ${host.name}`}
        badge={
          <>
            <ContainerAlertsBadge hostId={host.id} hostName={host.name} containerName={container.name} />
            {update ? <UpdateAvailableBadge badge={update} /> : null}
          </>
        }
      />
      {checks && checks.items.length > 0 ? <ContainerChecks checks={checks.items} /> : null}
      <ContainerView
        container={container}
        host={{
          id: host.id,
          name: host.name,
          status: host.status,
          capabilities: host.capabilities,
          revokedAt: host.revokedAt,
        }}
        role={me.org?.role ?? null}
        range={range}
        initialCharts={metrics ? containerCharts(metrics) : null}
        exec={{ settings: execSettings, socketBase: getWebEnv().EXEC_SOCKET_URL ?? '' }}
        updatePolicy={updatePolicy}
        allGroups={
          canChangeGroups
            ? groups.map((group) => ({ id: group.id, name: group.name, colour: group.colour }))
            : null
        }
      />
      <CheckDefinitionsPanel
        target={{ hostId, containerName: container.name }}
        targetText="this container"
        definitions={definitions}
        canWrite={canChangeGroups}
        suggestedTarget={firstPort ? `http://{{ip}}:{{port:${firstPort}}}/` : undefined}
      />
      <AutohealPolicyPanel
        target={{ hostId, containerName: container.name }}
        targetText="this container"
        policy={policies[0] ?? null}
        labelled={Object.keys(container.labels).some(
          (key) => key === 'berth.autoheal' || key.startsWith('berth.autoheal.'),
        )}
        canWrite={canChangeGroups}
      />
      <ContainerUpdatePolicyPanel
        target={{ hostId, containerName: container.name }}
        resolved={updatePolicy}
        rule={updateRules ? containerRuleOf(updateRules, { hostId, containerName: container.name }) : null}
        label={container.labels[UPDATE_POLICY_LABEL]}
        canWrite={hasRole(me.org?.role, 'admin')}
      />
    </>
  );
}
