'use client';

import { useActionState } from 'react';
import { changePasswordAction } from '@/app/(console)/settings/profile/change-password-action';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { INITIAL_ACTION_STATE } from './action-state';
import styles from './settings.module.css';

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState(changePasswordAction, INITIAL_ACTION_STATE);
  const errors = state.fieldErrors ?? {};
  return (
    // The key resets the fields once the change went through.
    <form key={state.notice ?? 'form'} action={action} className={styles.form}>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.notice ? <Alert tone="success">{state.notice}</Alert> : null}
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        hint="Leave empty if you only ever signed in with single sign-on."
        error={errors.currentPassword}
      />
      <div className={styles.formRow}>
        <Field
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          hint="At least 12 characters."
          error={errors.newPassword}
        />
        <Field
          label="Repeat new password"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          error={errors.confirmPassword}
        />
      </div>
      <div className={styles.formActions}>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? 'Changing…' : 'Change password'}
        </Button>
      </div>
    </form>
  );
}
