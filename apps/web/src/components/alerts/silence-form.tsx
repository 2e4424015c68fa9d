'use client';

import type { Matcher } from '@berth/api-contract';
import { useActionState, useState } from 'react';
import { createSilenceAction } from '@/app/(console)/alerts/silences/silence-actions';
import { INITIAL_ACTION_STATE } from '@/components/settings/action-state';
import settings from '@/components/settings/settings.module.css';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, TextAreaField } from '@/components/ui/field';
import uiStyles from '@/components/ui/ui.module.css';
import styles from './alerts.module.css';
import { formatMatcher } from './matcher-text';

export const DURATION_PRESETS = [
  { value: '3600', label: '1 hour' },
  { value: '14400', label: '4 hours' },
  { value: '86400', label: '1 day' },
] as const;

type SilenceFormProps = {
  /** Silencing one alert: its id, and the matchers the API will derive from it (shown, not edited). */
  fromAlert?: { id: string; summary: string; matchers: Matcher[] };
};

/** A silence: what it matches (an alert's rule and object, or matchers), for how long, and why. */
export function SilenceForm({ fromAlert }: SilenceFormProps) {
  const [state, formAction, pending] = useActionState(createSilenceAction, INITIAL_ACTION_STATE);
  const [duration, setDuration] = useState('3600');
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className={settings.form} aria-label="New silence">
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {fromAlert ? (
        <>
          <input type="hidden" name="fromAlertId" value={fromAlert.id} />
          <p>
            Silences <strong>{fromAlert.summary}</strong> and any later alert of the same rule on the same
            object:
          </p>
          <ul className={styles.labels} aria-label="Matchers">
            {fromAlert.matchers.map((matcher) => (
              <li key={matcher.label} className={`${styles.chip} ${styles.code}`}>
                {formatMatcher(matcher)}
              </li>
            ))}
          </ul>
          {errors.fromAlertId ? <span className={uiStyles.fieldError}>{errors.fromAlertId}</span> : null}
        </>
      ) : (
        <TextAreaField
          label="Matchers"
          name="matchers"
          rows={4}
          placeholder={'host=web-1\ncontainer=~web-.*'}
          hint="One per line: label=value, label!=value, label=~regex or label!~regex. Labels: rule, kind, severity, host, container, mount."
          error={errors.matchers}
        />
      )}
      <fieldset className={styles.checks}>
        <legend className={uiStyles.label}>For</legend>
        {DURATION_PRESETS.map((preset) => (
          <label key={preset.value}>
            <input
              type="radio"
              name="duration"
              value={preset.value}
              checked={duration === preset.value}
              onChange={() => setDuration(preset.value)}
            />
            {preset.label}
          </label>
        ))}
        <label>
          <input
            type="radio"
            name="duration"
            value="custom"
            checked={duration === 'custom'}
            onChange={() => setDuration('custom')}
          />
          Other
        </label>
      </fieldset>
      {duration === 'custom' ? (
        <Field label="Hours" name="hours" inputMode="decimal" error={errors.hours} />
      ) : null}
      <Field
        label="Comment"
        name="comment"
        required
        placeholder="why (a deploy, a known issue)"
        error={errors.comment}
      />
      <div className={settings.formActions}>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? 'Saving…' : 'Create silence'}
        </Button>
      </div>
    </form>
  );
}
