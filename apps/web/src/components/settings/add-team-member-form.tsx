'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import type { Member } from '@/lib/api/members';
import type { Team } from '@/lib/api/teams';
import { type ActionState, INITIAL_ACTION_STATE } from './action-state';
import styles from './settings.module.css';

type AddTeamMemberFormProps = {
  action: (previous: ActionState, form: FormData) => Promise<ActionState>;
  team: Team;
  candidates: Member[];
};

export function AddTeamMemberForm({ action, team, candidates }: AddTeamMemberFormProps) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  if (candidates.length === 0) return <p className={styles.muted}>Every member is in this team.</p>;
  const id = `team-${team.id}-add`;
  return (
    <form action={formAction} className={styles.inlineForm}>
      <input type="hidden" name="teamId" value={team.id} />
      <label htmlFor={id} className={styles.inlineLabel}>
        Add to {team.name}
      </label>
      <select id={id} name="userId" className={styles.compactInput} defaultValue="" required>
        <option value="" disabled>
          Choose a member…
        </option>
        {candidates.map((member) => (
          <option key={member.userId} value={member.userId}>
            {member.name ? `${member.name} (${member.email})` : member.email}
          </option>
        ))}
      </select>
      <Button type="submit" size="small" disabled={pending}>
        {pending ? 'Adding…' : 'Add member'}
      </Button>
      {state.error ? (
        <span role="alert" className={styles.inlineError}>
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
