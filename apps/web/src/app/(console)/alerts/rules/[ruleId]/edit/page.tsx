import { RULE_KIND_LABELS } from '@berth/api-contract';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import styles from '@/components/alerts/alerts.module.css';
import { describeCondition, describeScope } from '@/components/alerts/describe-rule';
import { RuleForm } from '@/components/alerts/rule-form';
import { SeverityBadge } from '@/components/alerts/severity-badge';
import { ActionButton } from '@/components/settings/action-button';
import { adminOnlyReason, hasRole } from '@/components/settings/role-gate';
import { Alert } from '@/components/ui/alert';
import { FactList } from '@/components/ui/fact-list';
import { Panel } from '@/components/ui/page-header';
import { getRule } from '@/lib/api/alert-rules';
import { ApiError } from '@/lib/api/api-error';
import { listContainerGroups } from '@/lib/api/container-groups';
import { listHostsPage } from '@/lib/api/hosts';
import { listChannels } from '@/lib/api/notification-channels';
import { getServerApi } from '@/lib/api/server-api';
import { loadMe } from '../../../../load-me';
import { deleteRuleAndLeaveAction, toggleRuleAction } from '../../rule-actions';

export const metadata: Metadata = { title: 'Rule' };

function notFoundOn404(error: unknown): never {
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) notFound();
  throw error;
}

/**
 * One rule: admins change it with the create form (prefilled, its kind fixed), switch it on or
 * off and delete it; everyone else reads it.
 */
export default async function EditRulePage({ params }: { params: Promise<{ ruleId: string }> }) {
  const { ruleId } = await params;
  const api = await getServerApi();
  const [me, rule, hosts, groups, channels] = await Promise.all([
    loadMe(),
    getRule(api, ruleId).catch(notFoundOn404),
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
      <Panel title={rule.name}>
        <FactList
          facts={[
            ['Kind', RULE_KIND_LABELS[rule.kind]],
            ['Condition', describeCondition(rule)],
            ['Watches', describeScope(rule.scope, names)],
            ['Severity', <SeverityBadge key="s" severity={rule.severity} />],
            [
              'Channels',
              rule.channelIds.map((id) => channelNames.get(id) ?? 'deleted channel').join(', ') || '—',
            ],
            ['Pending for', `${rule.forS} s`],
            ['Keep firing for', `${rule.keepFiringForS} s`],
            [
              'Open alerts',
              <Link key="a" href={`/alerts?ruleId=${rule.id}`}>
                {rule.firing} firing, {rule.pending} pending
              </Link>,
            ],
            ['Enabled', rule.enabled ? 'on' : 'off'],
          ]}
        />
        {canManage ? (
          <div className={styles.rowActions}>
            <ActionButton
              action={toggleRuleAction}
              fields={{ ruleId: rule.id, enabled: String(!rule.enabled) }}
              label={rule.enabled ? 'Disable' : 'Enable'}
              ariaLabel={`${rule.enabled ? 'Disable' : 'Enable'} rule ${rule.name}`}
            />
            <ActionButton
              action={deleteRuleAndLeaveAction}
              fields={{ ruleId: rule.id }}
              label="Delete"
              ariaLabel={`Delete rule ${rule.name}`}
              variant="danger"
              confirm={{
                title: `Delete the rule ${rule.name}?`,
                body: <p>Its alerts and their history are deleted with it.</p>,
              }}
            />
          </div>
        ) : (
          <Alert tone="info">{adminOnlyReason('change alert rules', me.org?.role)}</Alert>
        )}
      </Panel>
      {canManage ? (
        <Panel title="Edit rule">
          <RuleForm
            rule={rule}
            hosts={hosts.items.map((host) => ({ id: host.id, name: host.name }))}
            groups={groups.map((group) => ({ id: group.id, name: group.name }))}
            channels={channels.items.map((channel) => ({ id: channel.id, name: channel.name }))}
          />
        </Panel>
      ) : null}
    </div>
  );
}
