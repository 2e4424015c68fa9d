import type { UpdatePolicyRule } from '@berth/api-contract';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Panel } from '@/components/ui/page-header';
import { ClearPolicyButton } from './clear-policy-button';
import { UpdatePolicyForm } from './update-policy-form';

type GroupUpdatePolicyPanelProps = {
  group: { id: string; name: string };
  /** The group's rule; undefined when the rules could not be read. */
  rule: UpdatePolicyRule | null | undefined;
  canWrite: boolean;
};

/**
 * A container group's update policy (docs/image-updates.md "Policies"): it applies to members with
 * no label or rule of their own; of several groups the strictest wins. Admins set or clear it.
 */
export function GroupUpdatePolicyPanel({ group, rule, canWrite }: GroupUpdatePolicyPanelProps) {
  if (rule === undefined)
    return (
      <Panel title="Update policy">
        <Alert tone="error">The update policies could not be read.</Alert>
      </Panel>
    );
  return (
    <Panel title="Update policy">
      <p data-testid="group-update-policy">
        {rule
          ? `Members of ${group.name}: ${rule.policy}, unless a label or their own rule says otherwise (of several groups the strictest wins).`
          : `None set for ${group.name}: its members follow the categories, image patterns and the default.`}
      </p>
      {canWrite ? (
        <>
          <UpdatePolicyForm
            name={`Update policy of group ${group.name}`}
            target={{ scope: 'group', groupId: group.id }}
            policy={rule?.policy ?? null}
            selectLabel="Group policy"
            submitLabel="Set policy"
          />
          {rule ? <ClearPolicyButton rule={rule} what={`group ${group.name}`} /> : null}
        </>
      ) : null}
      <p>
        <Link href="/updates/policies">All update policies</Link>
      </p>
    </Panel>
  );
}
