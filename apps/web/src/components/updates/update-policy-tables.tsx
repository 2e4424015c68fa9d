import { UPDATE_CATEGORIES, type UpdateCategory, type UpdatePolicyRule } from '@berth/api-contract';
import Link from 'next/link';
import settings from '@/components/settings/settings.module.css';
import { DataTable } from '@/components/ui/data-table';
import { Time } from '@/components/ui/time';
import { containerHref } from '@/lib/api/containers';
import { ClearPolicyButton } from './clear-policy-button';
import { describeRuleTarget, type RuleNames } from './describe-update-policy';
import { UpdatePolicyForm } from './update-policy-form';

/** The built-in categories, their globs and their policy (none: they say nothing). */
export function CategoryTable({
  rules,
  canWrite,
}: {
  rules: readonly UpdatePolicyRule[];
  canWrite: boolean;
}) {
  const categories = Object.keys(UPDATE_CATEGORIES) as UpdateCategory[];
  return (
    <DataTable caption="Update policy categories" align="top" columns={['Category', 'Image names', 'Policy']}>
      {categories.map((category) => {
        const rule = rules.find((entry) => entry.scope === 'category' && entry.category === category) ?? null;
        return (
          <tr key={category}>
            <td>
              <strong>{category}</strong>
            </td>
            <td>
              <small>{UPDATE_CATEGORIES[category].join(', ')}</small>
            </td>
            <td>
              {canWrite ? (
                <div className={settings.stack}>
                  <UpdatePolicyForm
                    name={`Update policy of the ${category} category`}
                    target={{ scope: 'category', category }}
                    policy={rule?.policy ?? null}
                    selectLabel={rule ? `Policy (${rule.policy})` : 'Policy (none)'}
                    submitLabel="Set"
                  />
                  {rule ? <ClearPolicyButton rule={rule} what={`the ${category} category`} /> : null}
                </div>
              ) : (
                (rule?.policy ?? 'none')
              )}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}

/** The organisation's image-name globs: edited in place (a new glob replaces the old rule). */
export function PatternTable({ rules, canWrite }: { rules: readonly UpdatePolicyRule[]; canWrite: boolean }) {
  const patterns = rules.filter((rule) => rule.scope === 'pattern');
  return (
    <>
      {patterns.length === 0 ? (
        <p>No image patterns.</p>
      ) : (
        <DataTable
          caption="Image pattern rules"
          align="top"
          columns={['Pattern', 'Policy', 'Updated']}
          hiddenColumn={canWrite ? 'Actions' : undefined}
        >
          {patterns.map((rule) => (
            <tr key={rule.id}>
              <td>
                <code>{rule.pattern}</code>
              </td>
              <td>{rule.policy}</td>
              <td>
                <Time value={rule.updatedAt} format="relative" />
              </td>
              {canWrite ? (
                <td>
                  <details className={settings.details}>
                    <summary>Edit</summary>
                    <UpdatePolicyForm
                      name={`Pattern ${rule.pattern ?? ''}`}
                      target={{ scope: 'pattern' }}
                      policy={rule.policy}
                      pattern={{ value: rule.pattern ?? '', ruleId: rule.id }}
                      submitLabel="Save pattern"
                    />
                  </details>
                  <ClearPolicyButton rule={rule} what={`pattern ${rule.pattern ?? ''}`} />
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      )}
      {canWrite ? (
        <UpdatePolicyForm
          name="Add an image pattern"
          target={{ scope: 'pattern' }}
          policy={null}
          pattern={{ value: '' }}
          submitLabel="Add pattern"
        />
      ) : null}
    </>
  );
}

/** Where each container rule and group rule lives: a link to the page that sets it. */
export function TargetRuleTable({
  rules,
  names,
  containerIds,
  canWrite,
}: {
  rules: readonly UpdatePolicyRule[];
  names: RuleNames;
  /** `hostId/name` → the present container's id, for the link. */
  containerIds: ReadonlyMap<string, string>;
  canWrite: boolean;
}) {
  const targeted = rules.filter((rule) => rule.scope === 'group' || rule.scope === 'container');
  if (targeted.length === 0)
    return <p>No container or group rules. Set them on a container's or a group's page.</p>;
  return (
    <DataTable
      caption="Container and group rules"
      columns={['Applies to', 'Policy', 'Updated']}
      hiddenColumn={canWrite ? 'Actions' : undefined}
    >
      {targeted.map((rule) => {
        const what = describeRuleTarget(rule, names);
        const containerId = containerIds.get(`${rule.hostId}/${rule.containerName}`);
        const href =
          rule.scope === 'group'
            ? `/groups/${encodeURIComponent(rule.groupId ?? '')}`
            : containerId && rule.hostId
              ? containerHref({ hostId: rule.hostId, containerId })
              : null;
        return (
          <tr key={rule.id}>
            <td>
              {href ? (
                <Link href={href} prefetch={false}>
                  {what}
                </Link>
              ) : (
                `${what} (not present)`
              )}
            </td>
            <td>{rule.policy}</td>
            <td>
              <Time value={rule.updatedAt} format="relative" />
            </td>
            {canWrite ? (
              <td>
                <ClearPolicyButton rule={rule} what={what} />
              </td>
            ) : null}
          </tr>
        );
      })}
    </DataTable>
  );
}
