'use client';

import { ALERT_SEVERITIES } from '@berth/api-contract';
import { useActionState, useEffect, useState } from 'react';
import { createMuteWindowAction } from '@/app/(console)/alerts/mute-windows/mute-window-actions';
import { INITIAL_ACTION_STATE } from '@/components/settings/action-state';
import settings from '@/components/settings/settings.module.css';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, SelectField, TextAreaField } from '@/components/ui/field';
import uiStyles from '@/components/ui/ui.module.css';
import styles from './alerts.module.css';

export const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** Every zone the browser knows, the browser's own first (the default). */
function timeZones(own: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
  return [own, ...known.filter((zone) => zone !== own)];
}

/** A recurring mute window: maintenance (mutes everything matching) or quiet hours (some severities). */
export function MuteWindowForm() {
  const [state, formAction, pending] = useActionState(createMuteWindowAction, INITIAL_ACTION_STATE);
  // The server renders UTC; the browser's own zone replaces it once mounted.
  const [zone, setZone] = useState('UTC');
  useEffect(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'), []);
  const errors = state.fieldErrors ?? {};
  return (
    <form
      key={state.notice ?? 'new'}
      action={formAction}
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
      <fieldset className={styles.checks}>
        <legend className={uiStyles.label}>Starts on</legend>
        {WEEKDAY_NAMES.map((name, day) => (
          <label key={name}>
            <input type="checkbox" name="weekdays" value={day} defaultChecked />
            {name}
          </label>
        ))}
        {errors.weekdays ? <span className={uiStyles.fieldError}>{errors.weekdays}</span> : null}
      </fieldset>
      <div className={settings.formRow}>
        <Field
          label="Start time"
          name="startTime"
          type="time"
          defaultValue="22:00"
          required
          error={errors.startTime}
        />
        <Field
          label="Duration (hours)"
          name="durationHours"
          defaultValue="8"
          inputMode="decimal"
          error={errors.durationHours}
        />
        <SelectField
          key={zone}
          label="Time zone"
          name="timeZone"
          defaultValue={zone}
          options={timeZones(zone).map((value) => ({ value, label: value }))}
          error={errors.timeZone}
        />
      </div>
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
