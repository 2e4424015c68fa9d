'use client';

import type { AutoUpdateSettings, UpdatePolicy } from '@berth/api-contract';
import { UPDATE_POLICIES } from '@berth/api-contract';
import { type FormEvent, startTransition, useActionState } from 'react';
import { INITIAL_ACTION_STATE } from '@/components/settings/action-state';
import settingsStyles from '@/components/settings/settings.module.css';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, SelectField } from '@/components/ui/field';
import { WeeklyWindowFields } from '@/components/ui/weekly-window-fields';
import { saveAutoUpdateSettingsAction, setDefaultPolicyAction } from './auto-update-actions';
import { clockOf } from './describe-auto-window';
import { POLICY_LABELS } from './describe-update-policy';
import styles from './updates.module.css';

/** Admins: automatic updates on or off, the weekly window, the health wait per update. */
export function AutoUpdateSettingsForm({ settings }: { settings: AutoUpdateSettings | null }) {
  const [state, action, pending] = useActionState(saveAutoUpdateSettingsAction, INITIAL_ACTION_STATE);
  const errors = state.fieldErrors ?? {};
  // Submitted by hand, not through `action`: React resets a form after its action, which would
  // drop what the admin typed when the API refuses one field.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => action(form));
  };
  return (
    <form onSubmit={submit} aria-label="Automatic update settings" className={settingsStyles.form}>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.notice ? <Alert tone="success">{state.notice}</Alert> : null}
      <label className={styles.toggle}>
        <input type="checkbox" name="enabled" defaultChecked={settings?.enabled ?? false} /> Update{' '}
        <code>auto</code> containers automatically inside the window
      </label>
      <WeeklyWindowFields
        legend="Window starts on"
        weekdays={settings?.weekdays ?? [0]}
        startTime={clockOf(settings?.startMinute ?? 120)}
        durationHours={(settings?.durationMinutes ?? 120) / 60}
        timeZone={settings?.timeZone ?? null}
        errors={errors}
        daysClassName={styles.days}
      >
        <Field
          label="Health timeout (seconds)"
          name="healthTimeoutS"
          inputMode="numeric"
          defaultValue={String(settings?.healthTimeoutS ?? 60)}
          hint="How long each updated container may take to become healthy: 5–1800."
          error={errors.healthTimeoutS}
        />
      </WeeklyWindowFields>
      <div className={settingsStyles.formActions}>
        <Button type="submit" variant="primary" size="small" disabled={pending}>
          {pending ? 'Saving…' : 'Save automatic updates'}
        </Button>
      </div>
    </form>
  );
}

/** Admins: the policy of every container no label or rule names (`auto` opts the whole fleet in). */
export function DefaultPolicyForm({ policy }: { policy: UpdatePolicy | null }) {
  const [state, action, pending] = useActionState(setDefaultPolicyAction, INITIAL_ACTION_STATE);
  return (
    <form action={action} aria-label="Default update policy" className={styles.inline}>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <SelectField
        // Remounted when the saved default changes: React resets the form after its action.
        key={policy ?? 'none'}
        label="Default update policy"
        name="policy"
        defaultValue={policy ?? 'allow'}
        options={UPDATE_POLICIES.map((value) => ({ value, label: POLICY_LABELS[value] }))}
        hint="Containers without a label, own setting, group, category or pattern rule."
        error={state.fieldErrors?.policy}
      />
      <Button type="submit" size="small" disabled={pending}>
        {pending ? 'Saving…' : 'Set default'}
      </Button>
      {state.notice ? <span role="status">{state.notice}</span> : null}
    </form>
  );
}
