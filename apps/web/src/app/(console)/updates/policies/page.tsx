import type { UpdatePolicyRule } from '@berth/api-contract';
import type { Metadata } from 'next';
import Link from 'next/link';
import { hasRole } from '@/components/settings/role-gate';
import { Alert } from '@/components/ui/alert';
import { PageHeader, Panel } from '@/components/ui/page-header';
import { ClearPolicyButton } from '@/components/updates/clear-policy-button';
import { UpdatePolicyForm } from '@/components/updates/update-policy-form';
import { CategoryTable, PatternTable, TargetRuleTable } from '@/components/updates/update-policy-tables';
import { listContainerGroups } from '@/lib/api/container-groups';
import { listContainers } from '@/lib/api/containers';
import { listHostsPage } from '@/lib/api/hosts';
import { getServerApi } from '@/lib/api/server-api';
import { listUpdatePolicies } from '@/lib/api/update-policies';
import { loadMe } from '../../load-me';

export const metadata: Metadata = { title: 'Update policies' };

/**
 * Every update policy of the organisation (docs/image-updates.md "Policies"): the default, the
 * built-in categories, image patterns, and the container and group rules set on their pages.
 * Admins edit; every member reads.
 */
export default async function UpdatePoliciesPage() {
  const api = await getServerApi();
  const [me, rules, groups, hosts, containers] = await Promise.all([
    loadMe(),
    listUpdatePolicies(api).catch(() => null),
    listContainerGroups(api).catch(() => []),
    listHostsPage(api, { limit: 200 }).catch(() => null),
    listContainers(api, { sort: 'host' }).catch(() => null),
  ]);
  const admin = hasRole(me.org?.role, 'admin');
  return (
    <>
      <PageHeader
        title="Update policies"
        description={
          <>
            Whether a container is updated automatically (<code>auto</code>), by hand (<code>allow</code>),
            after confirming (<code>warn</code>) or not at all (<code>block</code>). The first level that says
            something decides: the label <code>berth.update_policy</code>, the container's own rule, its
            groups, categories and image patterns, the default. Within a level the strictest wins.
          </>
        }
        actions={<Link href="/updates">Updates</Link>}
      />
      {rules === null ? (
        <Alert tone="error">The update policies could not be read.</Alert>
      ) : (
        <>
          {admin ? null : <p>An admin changes update policies.</p>}
          <DefaultPanel rules={rules} canWrite={admin} />
          <Panel title="Categories">
            <CategoryTable rules={rules} canWrite={admin} />
          </Panel>
          <Panel title="Image patterns">
            <PatternTable rules={rules} canWrite={admin} />
          </Panel>
          <Panel title="Container and group rules">
            <TargetRuleTable
              rules={rules}
              names={{
                groups: new Map(groups.map((group) => [group.id, group.name])),
                hosts: new Map((hosts?.items ?? []).map((host) => [host.id, host.name])),
              }}
              containerIds={
                new Map(
                  (containers?.items ?? []).map((c) => [`${c.hostId}/${c.name}`, c.containerId] as const),
                )
              }
              canWrite={admin}
            />
          </Panel>
        </>
      )}
    </>
  );
}

function DefaultPanel({ rules, canWrite }: { rules: readonly UpdatePolicyRule[]; canWrite: boolean }) {
  const rule = rules.find((entry) => entry.scope === 'default') ?? null;
  return (
    <Panel title="Organisation default">
      <p data-testid="default-update-policy">
        {rule ? `Default: ${rule.policy}.` : 'No default set: containers no other rule names are allow.'}
      </p>
      {canWrite ? (
        <>
          <UpdatePolicyForm
            name="Organisation default policy"
            target={{ scope: 'default' }}
            policy={rule?.policy ?? null}
            selectLabel="Default policy"
            submitLabel="Set default"
          />
          {rule ? <ClearPolicyButton rule={rule} what="the organisation default" /> : null}
        </>
      ) : null}
    </Panel>
  );
}
