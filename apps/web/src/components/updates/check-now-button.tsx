'use client';

import { useActionState } from 'react';
import { checkNowAction } from '@/app/(console)/updates/check-now-action';
import { INITIAL_ACTION_STATE } from '@/components/settings/action-state';
import { Button } from '@/components/ui/button';

/** "Check now": every reference's check due at once; the hosts run them within a minute. */
export function CheckNowButton() {
  const [state, formAction, pending] = useActionState(checkNowAction, INITIAL_ACTION_STATE);
  return (
    <form action={formAction}>
      <Button size="small" variant="secondary" type="submit" disabled={pending}>
        {pending ? 'Checking…' : 'Check now'}
      </Button>
      <span aria-live="polite">
        {state.error ? <span role="alert"> {state.error}</span> : null}
        {state.notice ? <span role="status"> {state.notice}</span> : null}
      </span>
    </form>
  );
}
