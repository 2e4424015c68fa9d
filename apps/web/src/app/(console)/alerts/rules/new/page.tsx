import type { Metadata } from 'next';
import { RuleForm } from '@/components/alerts/rule-form';
import { adminOnlyReason, hasRole } from '@/components/settings/role-gate';
import { Alert } from '@/components/ui/alert';
import { Panel } from '@/components/ui/page-header';
import { listContainerGroups } from '@/lib/api/container-groups';
import { listHostsPage } from '@/lib/api/hosts';
import { listChannels } from '@/lib/api/notification-channels';
import { getServerApi } from '@/lib/api/server-api';
import { loadMe } from '../../../load-me';

export const metadata: Metadata = { title: 'New rule' };

export default async function NewRulePage() {
  const me = await loadMe();
  if (!hasRole(me.org?.role, 'admin'))
    return <Alert tone="info">{adminOnlyReason('create alert rules', me.org?.role)}</Alert>;
  const api = await getServerApi();
  const [hosts, groups, channels] = await Promise.all([
    listHostsPage(api),
    listContainerGroups(api),
    listChannels(api),
  ]);
  return (
    <Panel title="New rule">
      <RuleForm
        hosts={hosts.items.map((host) => ({ id: host.id, name: host.name }))}
        groups={groups.map((group) => ({ id: group.id, name: group.name }))}
        channels={channels.items.map((channel) => ({ id: channel.id, name: channel.name }))}
      />
    </Panel>
  );
}
