'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import styles from '../../auth.module.css';
import { INITIAL_FORM_STATE } from '../../form-state';
import { acceptInviteAction } from './accept-invite-action';

export function AcceptInviteForm({ token, orgName }: { token: string; orgName: string }) {
  const [state, action, pending] = useActionState(acceptInviteAction, INITIAL_FORM_STATE);
  return (
    <form action={action} className={styles.form}>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <input type="hidden" name="token" value={token} />
      <Button type="submit" variant="primary" block disabled={pending}>
        {pending ? 'Joining…' : `Join ${orgName}`}
      </Button>
    </form>
  );
}
