import { type ResolvedUpdatePolicy, UPDATE_POLICY_LABEL, type UpdatePolicyRule } from '@berth/api-contract';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Panel } from '@/components/ui/page-header';
import { ClearPolicyButton } from './clear-policy-button';
import { describeResolvedPolicy } from './describe-update-policy';
import { UpdatePolicyForm } from './update-policy-form';

type ContainerUpdatePolicyPanelProps = {
  target: { hostId: string; containerName: string };
  /** The policy that applies and why (GET …/update-policy); null when it could not be read. */
  resolved: ResolvedUpdatePolicy | null;
  /** The container's own rule (host + name), if set. */
  rule: UpdatePolicyRule | null;
  /** The value of its `berth.update_policy` label, if it carries one. */
  label: string | undefined;
  canWrite: boolean;
};

/**
 * The container page's update policy (docs/image-updates.md "Policies"): the one that applies and
 * where it comes from; admins set or clear the container's own rule, kept by host and name so it
 * survives a recreate. A valid label wins over the rule, and the panel says so.
 */
export function ContainerUpdatePolicyPanel({
  target,
  resolved,
  rule,
  label,
  canWrite,
}: ContainerUpdatePolicyPanelProps) {
  return (
    <Panel title="Update policy">
      {resolved ? (
        <p data-testid="update-policy-resolved">
          Applies: <strong>{describeResolvedPolicy(resolved)}</strong>
        </p>
      ) : (
        <Alert tone="error">The update policy could not be read.</Alert>
      )}
      <p data-testid="update-policy-own">
        {rule
          ? `Its own rule: ${rule.policy} (kept by host and name, so it survives a recreate).`
          : 'No rule of its own: its groups, the categories, image patterns and the default decide.'}
        {resolved?.source === 'label'
          ? ` Its label ${UPDATE_POLICY_LABEL}=${label ?? resolved.policy} wins over any rule set here.`
          : null}
      </p>
      {canWrite ? (
        <>
          <UpdatePolicyForm
            name={`Update policy of ${target.containerName}`}
            target={{ scope: 'container', ...target }}
            policy={rule?.policy ?? null}
            selectLabel="Own policy"
            submitLabel="Set policy"
          />
          {rule ? <ClearPolicyButton rule={rule} what={target.containerName} /> : null}
        </>
      ) : (
        <p>An admin sets update policies.</p>
      )}
      <p>
        <Link href="/updates/policies">All update policies</Link>
      </p>
    </Panel>
  );
}
