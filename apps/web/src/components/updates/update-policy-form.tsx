'use client';

import { UPDATE_POLICIES, type UpdatePolicy } from '@berth/api-contract';
import { useActionState, useId } from 'react';
import { INITIAL_ACTION_STATE } from '@/components/settings/action-state';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, SelectField } from '@/components/ui/field';
import { POLICY_LABELS } from './describe-update-policy';
import { setUpdatePolicyAction } from './update-policy-actions';
import styles from './updates.module.css';

type UpdatePolicyFormProps = {
  /** The form's accessible name ("Update policy of web", "Pattern ghcr.io/acme/*"). */
  name: string;
  /** The scope and its target as the API takes them: `{ scope: 'group', groupId }`. */
  target: Record<string, string>;
  policy: UpdatePolicy | null;
  /** A pattern rule: the glob is typed here (`''` to add one); the rule it replaces when edited. */
  pattern?: { value: string; ruleId?: string };
  selectLabel?: string;
  submitLabel: string;
};

/**
 * Sets one scope's update policy (admins). A form action, so it works before the page hydrates; a
 * refusal returns what was sent, and the fields are remounted with it (React resets a form after
 * its action, which would drop a refused glob). The refusal is shown on the field it names.
 */
export function UpdatePolicyForm({
  name,
  target,
  policy,
  pattern,
  selectLabel = 'Policy',
  submitLabel,
}: UpdatePolicyFormProps) {
  const [state, action, pending] = useActionState(setUpdatePolicyAction, INITIAL_ACTION_STATE);
  const id = useId();
  const errors = state.fieldErrors ?? {};
  const sent = state.result;
  const shownPolicy = (UPDATE_POLICIES as readonly string[]).includes(sent?.policy ?? '')
    ? (sent?.policy as UpdatePolicy)
    : (policy ?? 'allow');
  const hidden = { ...target, ...(pattern?.ruleId ? { replaces: pattern.ruleId } : {}) };
  const shownOnFields = errors.policy !== undefined || errors.pattern !== undefined;
  return (
    <form action={action} aria-label={name} className={styles.inline}>
      {state.error && !shownOnFields ? <Alert tone="error">{state.error}</Alert> : null}
      {Object.entries(hidden).map(([field, value]) => (
        <input key={field} type="hidden" name={field} value={value} />
      ))}
      {pattern ? (
        <Field
          key={`pattern-${sent?.pattern ?? ''}-${state.error ?? ''}`}
          id={`${id}-pattern`}
          label="Image pattern"
          name="pattern"
          defaultValue={sent?.pattern ?? pattern.value}
          placeholder="ghcr.io/acme/*"
          hint="A glob on image names: * is any run of characters."
          error={errors.pattern}
        />
      ) : null}
      <SelectField
        // Remounted when the saved policy changes (or a refusal returns what was sent).
        key={`${policy ?? 'none'}-${shownPolicy}-${state.error ?? ''}`}
        id={`${id}-policy`}
        label={selectLabel}
        name="policy"
        defaultValue={shownPolicy}
        options={UPDATE_POLICIES.map((value) => ({ value, label: POLICY_LABELS[value] }))}
        error={errors.policy}
      />
      <Button type="submit" size="small" disabled={pending}>
        {pending ? 'Saving…' : submitLabel}
      </Button>
      {state.notice ? <span role="status">{state.notice}</span> : null}
    </form>
  );
}
