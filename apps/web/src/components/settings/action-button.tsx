'use client';

import { type ReactNode, useActionState, useState } from 'react';
import { Button, type ButtonProps } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { type ActionState, INITIAL_ACTION_STATE } from './action-state';
import styles from './settings.module.css';

type ActionButtonProps = {
  /** A server action taking the hidden `fields` (e.g. the id of the row). */
  action: (previous: ActionState, form: FormData) => Promise<ActionState>;
  fields: Record<string, string>;
  label: string;
  /** Longer accessible name when the label alone is ambiguous in a list ("Revoke token ci"). */
  ariaLabel?: string;
  variant?: ButtonProps['variant'];
  /** Asks first (destructive steps); the dialog's button is "Confirm". */
  confirm?: { title: string; body: ReactNode };
};

/** One button that runs one server action on one row, and says what went wrong beside it. */
export function ActionButton({
  action,
  fields,
  label,
  ariaLabel,
  variant = 'secondary',
  confirm,
}: ActionButtonProps) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  const [asking, setAsking] = useState(false);
  return (
    <form action={formAction} className={styles.inlineForm} onSubmit={() => setAsking(false)}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button
        size="small"
        variant={variant}
        type={confirm ? 'button' : 'submit'}
        onClick={confirm ? () => setAsking(true) : undefined}
        disabled={pending}
        aria-label={ariaLabel}
      >
        {pending ? `${label}…` : label}
      </Button>
      {confirm ? (
        <ConfirmDialog
          open={asking}
          title={confirm.title}
          danger={variant === 'danger'}
          pending={pending}
          onCancel={() => setAsking(false)}
        >
          {confirm.body}
        </ConfirmDialog>
      ) : null}
      {state.error ? (
        <span role="alert" className={styles.inlineError}>
          {state.error}
        </span>
      ) : null}
      {state.notice ? (
        <span role="status" className={styles.inlineNotice}>
          {state.notice}
        </span>
      ) : null}
    </form>
  );
}
