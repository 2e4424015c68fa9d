'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import styles from '../auth.module.css';
import { INITIAL_FORM_STATE } from '../form-state';
import { requestResetAction } from './request-reset-action';

export function RequestResetForm() {
  const [state, action, pending] = useActionState(requestResetAction, INITIAL_FORM_STATE);
  if (state.done) {
    return (
      <Alert tone="success">
        If an account exists for {state.email}, a reset link is on its way. It works once and expires in an
        hour.
      </Alert>
    );
  }
  return (
    <form action={action} className={styles.form}>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        autoFocus
        error={state.fieldErrors?.email}
      />
      <Button type="submit" variant="primary" block disabled={pending}>
        {pending ? 'Sending…' : 'Send reset link'}
      </Button>
    </form>
  );
}
