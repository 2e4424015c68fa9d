'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import styles from '../auth.module.css';
import { INITIAL_FORM_STATE } from '../form-state';
import { signInWithPasswordAction } from './sign-in-with-password';

export function SignInForm({
  callbackUrl,
  notice,
  confirmation,
}: {
  callbackUrl: string;
  notice?: string | undefined;
  /** A success to show until the first attempt (e.g. "this browser is now trusted"). */
  confirmation?: string;
}) {
  const [state, action, pending] = useActionState(signInWithPasswordAction, INITIAL_FORM_STATE);
  const error = state.error ?? notice;
  return (
    <form action={action} className={styles.form} noValidate={false}>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {!error && confirmation ? <Alert tone="success">{confirmation}</Alert> : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        required
        autoFocus
        defaultValue={state.email}
        key={state.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        aside={
          <Link href="/reset-password" className={styles.small}>
            Forgot password?
          </Link>
        }
      />
      <Button type="submit" variant="primary" block disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
