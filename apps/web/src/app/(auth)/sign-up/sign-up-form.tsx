'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import styles from '../auth.module.css';
import { INITIAL_FORM_STATE } from '../form-state';
import { signUpAction } from './sign-up-action';

export function SignUpForm({ callbackUrl, inviteToken }: { callbackUrl: string; inviteToken?: string }) {
  const [state, action, pending] = useActionState(signUpAction, INITIAL_FORM_STATE);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className={styles.form}>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {inviteToken ? <input type="hidden" name="inviteToken" value={inviteToken} /> : null}
      <Field label="Name" name="name" autoComplete="name" required autoFocus error={errors.name} />
      <Field
        label="Work email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.email}
        error={errors.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
        hint="At least 12 characters. A passphrase is easiest."
        error={errors.password}
      />
      {inviteToken ? null : (
        <Field
          label="Organisation"
          name="orgName"
          autoComplete="organization"
          placeholder="Acme Ops"
          hint="Your hosts live in an organisation; invite your team to it later."
          error={errors.orgName}
        />
      )}
      <Button type="submit" variant="primary" block disabled={pending}>
        {pending ? 'Creating account…' : 'Create account'}
      </Button>
    </form>
  );
}
