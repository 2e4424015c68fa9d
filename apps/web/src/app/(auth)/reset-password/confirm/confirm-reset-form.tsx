'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClass } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import styles from '../../auth.module.css';
import { INITIAL_FORM_STATE } from '../../form-state';
import { confirmResetAction } from './confirm-reset-action';

export function ConfirmResetForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(confirmResetAction, INITIAL_FORM_STATE);
  if (state.done) {
    return (
      <div className={styles.form}>
        <Alert tone="success">Your password is changed. Other sessions have been signed out.</Alert>
        <Link href="/sign-in" className={buttonClass({ variant: 'primary', block: true })}>
          Sign in
        </Link>
      </div>
    );
  }
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className={styles.form}>
      {state.error || errors.token ? <Alert tone="error">{state.error ?? errors.token}</Alert> : null}
      <input type="hidden" name="token" value={token} />
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
        autoFocus
        hint="At least 12 characters."
        error={errors.password}
      />
      <Field
        label="Repeat it"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        error={errors.confirm}
      />
      <Button type="submit" variant="primary" block disabled={pending}>
        {pending ? 'Saving…' : 'Set new password'}
      </Button>
    </form>
  );
}
