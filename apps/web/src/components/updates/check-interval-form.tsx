'use client';

import { useActionState } from 'react';
import { setIntervalAction } from '@/app/(console)/updates/set-interval-action';
import { INITIAL_ACTION_STATE } from '@/components/settings/action-state';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';

/** How often each reference is checked (admins): whole minutes, empty for the server's default. */
export function CheckIntervalForm({ checkIntervalS }: { checkIntervalS: number | null }) {
  const [state, action, pending] = useActionState(setIntervalAction, INITIAL_ACTION_STATE);
  return (
    <form action={action} aria-label="Check interval">
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.notice ? <Alert tone="success">{state.notice}</Alert> : null}
      <Field
        label="Check every (minutes)"
        name="checkIntervalMinutes"
        inputMode="numeric"
        defaultValue={checkIntervalS === null ? '' : String(Math.round(checkIntervalS / 60))}
        placeholder="server default"
        hint="5 minutes to 7 days; empty: the server's default (6 hours unless configured)."
        error={state.fieldErrors?.checkIntervalMinutes}
      />
      <Button size="small" type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Save interval'}
      </Button>
    </form>
  );
}
