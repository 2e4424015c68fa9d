'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import type { Team } from '@/lib/api/teams';
import { type ActionState, INITIAL_ACTION_STATE } from './action-state';
import { formatLabels } from './form-parsing';
import styles from './settings.module.css';

type TeamFormProps = {
  action: (previous: ActionState, form: FormData) => Promise<ActionState>;
  submitLabel: string;
  /** Editing an existing team (else creating one). */
  team?: Team;
};

/** Name and host restriction of a team, for creating one or editing it. */
export function TeamForm({ action, submitLabel, team }: TeamFormProps) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  const errors = state.fieldErrors ?? {};
  const idPrefix = team ? `team-${team.id}` : 'new-team';
  return (
    <form key={team ? 'edit' : (state.notice ?? 'new')} action={formAction} className={styles.form}>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.notice ? <Alert tone="success">{state.notice}</Alert> : null}
      {team ? <input type="hidden" name="teamId" value={team.id} /> : null}
      <div className={styles.formRow}>
        <Field
          id={`${idPrefix}-name`}
          label="Team name"
          name="name"
          defaultValue={team?.name}
          required
          maxLength={100}
          error={errors.name}
        />
        <Field
          id={`${idPrefix}-selector`}
          label="Limit to hosts with labels"
          name="hostSelector"
          defaultValue={team ? formatLabels(team.hostSelector) : ''}
          placeholder="env=staging, team=web"
          hint="Empty: the team's members see every host."
          error={errors.hostSelector}
        />
      </div>
      <div className={styles.formActions}>
        <Button type="submit" variant={team ? 'secondary' : 'primary'} disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </Button>
      </div>
    </form>
  );
}
