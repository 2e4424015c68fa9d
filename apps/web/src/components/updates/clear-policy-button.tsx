import type { UpdatePolicyRule } from '@berth/api-contract';
import { ActionButton } from '@/components/settings/action-button';
import { clearUpdatePolicyAction } from './update-policy-actions';

/** "Clear" for one update policy rule; `what` names its target for screen readers. */
export function ClearPolicyButton({ rule, what }: { rule: Pick<UpdatePolicyRule, 'id'>; what: string }) {
  return (
    <ActionButton
      action={clearUpdatePolicyAction}
      fields={{ ruleId: rule.id }}
      label="Clear"
      ariaLabel={`Clear the update policy of ${what}`}
    />
  );
}
