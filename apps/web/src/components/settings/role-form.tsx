'use client';

import { useActionState, useState } from 'react';
import { changeRoleAction } from '@/app/(console)/settings/members/change-role-action';
import { Button } from '@/components/ui/button';
import type { Role } from '@/lib/api/identity';
import { INITIAL_ACTION_STATE } from './action-state';
import styles from './settings.module.css';

/** A member's role as a select; "Save" sends it (nothing changes on mere arrow-key browsing). */
export function RoleForm({
  userId,
  who,
  role,
  choices,
}: {
  userId: string;
  who: string;
  role: Role;
  choices: readonly Role[];
}) {
  const [state, action, pending] = useActionState(changeRoleAction, INITIAL_ACTION_STATE);
  const [chosen, setChosen] = useState<string>(role);
  const id = `role-${userId}`;
  return (
    <form action={action} className={styles.inlineForm}>
      <input type="hidden" name="userId" value={userId} />
      <label htmlFor={id} className="visually-hidden">
        Role for {who}
      </label>
      <select
        id={id}
        name="role"
        className={styles.compactInput}
        value={chosen}
        onChange={(event) => setChosen(event.target.value)}
      >
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </select>
      <Button
        type="submit"
        size="small"
        disabled={pending || chosen === role}
        aria-label={`Save role for ${who}`}
      >
        {pending ? 'Saving…' : 'Save'}
      </Button>
      {state.error ? (
        <span role="alert" className={styles.inlineError}>
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
