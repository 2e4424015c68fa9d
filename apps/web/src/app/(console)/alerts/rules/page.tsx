import { RULE_KIND_LABELS } from '@berth/api-contract';
import { Siren } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import styles from '@/components/alerts/alerts.module.css';
import { describeCondition, describeScope } from '@/components/alerts/describe-rule';
import { SeverityBadge } from '@/components/alerts/severity-badge';
import { ActionButton } from '@/components/settings/action-button';
import { hasRole } from '@/components/settings/role-gate';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { listRules } from '@/lib/api/alert-rules';
import { listContainerGroups } from '@/lib/api/container-groups';
import { listHostsPage } from '@/lib/api/hosts';
import { listChannels } from '@/lib/api/notification-channels';
import { getServerApi } from '@/lib/api/server-api';
import { loadMe } from '../../load-me';
import { deleteRuleAction, toggleRuleAction } from './rule-actions';

export const metadata: Metadata = { title: 'Rules' };

export default async function RulesPage() {
  const api = await getServerApi();
  const [me, rules, hosts, groups, channels] = await Promise.all([
    loadMe(),
    listRules(api),
    listHostsPage(api),
    listContainerGroups(api),
    listChannels(api),
  ]);
  const canManage = hasRole(me.org?.role, 'admin');
  const names = {
    hosts: new Map(hosts.items.map((host) => [host.id, host.name])),
    groups: new Map(groups.map((group) => [group.id, group.name])),
  };
  const channelNames = new Map(channels.items.map((channel) => [channel.id, channel.name]));
  return (
    <div className={styles.page}>
      {canManage ? (
        <div className={styles.filters}>
          <Link href="/alerts/rules/new" className={styles.chip}>
            New rule
          </Link>
        </div>
      ) : null}
      {rules.items.length === 0 ? (
        <EmptyState icon={<Siren size={20} />} title="No rules yet">
          <p>
            A rule watches a metric, a container’s state, a host’s heartbeat or the logs, and alerts when its
            condition holds.{canManage ? '' : ' Ask an admin to create one.'}
          </p>
        </EmptyState>
      ) : (
        <DataTable
          caption="Alert rules"
          columns={['Rule', 'Kind', 'Watches', 'Severity', 'Channels', 'Firing', 'Enabled']}
          hiddenColumn={canManage ? 'Actions' : undefined}
          align="top"
        >
          {rules.items.map((rule) => (
            <tr key={rule.id}>
              <td>
                <strong>
                  <Link href={`/alerts/rules/${rule.id}/edit`}>{rule.name}</Link>
                </strong>
                <div className={styles.muted}>{describeCondition(rule)}</div>
              </td>
              <td>{RULE_KIND_LABELS[rule.kind]}</td>
              <td>{describeScope(rule.scope, names)}</td>
              <td>
                <SeverityBadge severity={rule.severity} />
              </td>
              <td>
                {rule.channelIds.map((id) => channelNames.get(id) ?? 'deleted channel').join(', ') || '—'}
              </td>
              <td>
                <Link href={`/alerts?ruleId=${rule.id}`}>
                  {rule.firing}
                  {rule.pending ? ` (+${rule.pending} pending)` : ''}
                </Link>
              </td>
              <td>
                {canManage ? (
                  <ActionButton
                    action={toggleRuleAction}
                    fields={{ ruleId: rule.id, enabled: String(!rule.enabled) }}
                    label={rule.enabled ? 'On' : 'Off'}
                    ariaLabel={`${rule.enabled ? 'Disable' : 'Enable'} rule ${rule.name}`}
                  />
                ) : rule.enabled ? (
                  'on'
                ) : (
                  'off'
                )}
              </td>
              {canManage ? (
                <td>
                  <ActionButton
                    action={deleteRuleAction}
                    fields={{ ruleId: rule.id }}
                    label="Delete"
                    ariaLabel={`Delete rule ${rule.name}`}
                    variant="danger"
                    confirm={{
                      title: `Delete the rule ${rule.name}?`,
                      body: <p>Its alerts and their history are deleted with it.</p>,
                    }}
                  />
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
