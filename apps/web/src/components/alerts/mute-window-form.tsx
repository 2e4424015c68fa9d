'use client';

import { ALERT_SEVERITIES } from '@berth/api-contract';
import { type FormEvent, startTransition, useActionState } from 'react';
import { createMuteWindowAction } from '@/app/(console)/alerts/mute-windows/mute-window-actions';
import { INITIAL_ACTION_STATE } from '@/components/settings/action-state';
import settings from '@/components/settings/settings.module.css';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, SelectField, TextAreaField } from '@/components/ui/field';
import uiStyles from '@/components/ui/ui.module.css';
import { WeeklyWindowFields } from '@/components/ui/weekly-window-fields';
import styles from './alerts.module.css';

/** A recurring mute window: maintenance (mutes everything matching) or quiet hours (some severities). */
export function MuteWindowForm() {
  const [state, formAction, pending] = useActionState(createMuteWindowAction, INITIAL_ACTION_STATE);
  const errors = state.fieldErrors ?? {};
  // Submitted by hand, not through `action`: React resets a form after its action, which would
  // wipe everything typed when the API refuses one field. After an add, the new key gives a
  // fresh form.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => formAction(form));
  };
  return (
    <form
      key={state.notice ?? 'new'}
      onSubmit={submit}
      className={settings.form}
      aria-label="New mute window"
    >
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.notice ? <Alert tone="success">{state.notice}</Alert> : null}
      <div className={settings.formRow}>
        <Field label="Window name" name="name" required maxLength={100} error={errors.name} />
        <SelectField
          label="Kind"
          name="kind"
          options={[
            { value: 'maintenance', label: 'Maintenance (mutes all that matches)' },
            { value: 'quiet_hours', label: 'Quiet hours (mutes chosen severities)' },
          ]}
          error={errors.kind}
        />
      </div>
      <WeeklyWindowFields
        legend="Starts on"
        weekdays={[0, 1, 2, 3, 4, 5, 6]}
        startTime="22:00"
        durationHours={8}
        timeZone={null}
        errors={errors}
        daysClassName={styles.checks}
      />
      <fieldset className={styles.checks}>
        <legend className={uiStyles.label}>
          Severities muted (none chosen: quiet hours mute info and warning)
        </legend>
        {ALERT_SEVERITIES.map((severity) => (
          <label key={severity}>
            <input type="checkbox" name="severities" value={severity} />
            {severity}
          </label>
        ))}
        {errors.severities ? <span className={uiStyles.fieldError}>{errors.severities}</span> : null}
      </fieldset>
      <TextAreaField
        label="Only alerts matching"
        name="matchers"
        rows={2}
        placeholder="host=db-1 (blank: every alert)"
        error={errors.matchers}
      />
      <div className={settings.formActions}>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? 'Saving…' : 'Add mute window'}
        </Button>
      </div>
    </form>
  );
}
