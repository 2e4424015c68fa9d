'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/components/settings/action-state';
import { INITIAL_ACTION_STATE } from '@/components/settings/action-state';
import settings from '@/components/settings/settings.module.css';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import uiStyles from '@/components/ui/ui.module.css';
import type { ContainerGroup } from '@/lib/api/container-groups';
import { COLOUR_NAMES, PALETTE } from './colour-names';
import styles from './groups.module.css';

type GroupFormProps = {
  action: (previous: ActionState, form: FormData) => Promise<ActionState>;
  submitLabel: string;
  /** Editing an existing group (else creating one). */
  group?: ContainerGroup;
};

/** Name, colour and description of a container group, for creating one or editing it. */
export function GroupForm({ action, submitLabel, group }: GroupFormProps) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  const errors = state.fieldErrors ?? {};
  const idPrefix = group ? `group-${group.id}` : 'new-group';
  const colour = group?.colour ?? PALETTE[0];
  return (
    <form key={group ? 'edit' : (state.notice ?? 'new')} action={formAction} className={settings.form}>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.notice ? <Alert tone="success">{state.notice}</Alert> : null}
      {group ? <input type="hidden" name="groupId" value={group.id} /> : null}
      <div className={settings.formRow}>
        <Field
          id={`${idPrefix}-name`}
          label="Group name"
          name="name"
          defaultValue={group?.name}
          required
          maxLength={100}
          error={errors.name}
        />
        <Field
          id={`${idPrefix}-description`}
          label="Description"
          name="description"
          defaultValue={group?.description}
          maxLength={500}
          hint="Optional, up to 500 characters."
          error={errors.description}
        />
      </div>
      <fieldset
        className={styles.palette}
        aria-describedby={errors.colour ? `${idPrefix}-colour-error` : undefined}
      >
        <legend className={uiStyles.label}>Colour</legend>
        {PALETTE.map((value) => (
          <label key={value} className={styles.swatch}>
            <input type="radio" name="colour" value={value} defaultChecked={value === colour} />
            <span className={styles.dot} style={{ background: value }} aria-hidden="true" />
            {COLOUR_NAMES[value]}
          </label>
        ))}
      </fieldset>
      {errors.colour ? (
        <span id={`${idPrefix}-colour-error`} className={uiStyles.fieldError}>
          {errors.colour}
        </span>
      ) : null}
      <div className={settings.formActions}>
        <Button type="submit" variant={group ? 'secondary' : 'primary'} disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </Button>
      </div>
    </form>
  );
}
