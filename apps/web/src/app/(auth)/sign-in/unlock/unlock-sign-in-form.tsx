'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import styles from '../../auth.module.css';
import { INITIAL_FORM_STATE } from '../../form-state';
import { unlockSignInAction } from './unlock-sign-in-action';

export function UnlockSignInForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(unlockSignInAction, INITIAL_FORM_STATE);
  return (
    <form action={action} className={styles.form}>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <input type="hidden" name="token" value={token} />
      <Button type="submit" variant="primary" block disabled={pending || !token}>
        {pending ? 'Trusting this browser…' : 'Trust this browser and sign in'}
      </Button>
      <p className={styles.small}>
        Not you trying to sign in? Nothing to do: <Link href="/sign-in">your account is not locked</Link>.
      </p>
    </form>
  );
}
