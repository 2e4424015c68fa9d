'use client';

import type { ExecSettings } from '@berth/api-contract';
import { useActionState } from 'react';
import { updateExecSettingsAction } from '@/app/(console)/settings/exec/update-exec-settings-action';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import uiStyles from '@/components/ui/ui.module.css';
import { formatDuration } from '@/lib/format/format-time';
import { INITIAL_ACTION_STATE } from './action-state';
import styles from './settings.module.css';

/** Who may open terminals, whether they are recorded, and the org's (shorter) limits. */
export function ExecSettingsForm({ settings }: { settings: ExecSettings }) {
  const [state, action, pending] = useActionState(updateExecSettingsAction, INITIAL_ACTION_STATE);
  const errors = state.fieldErrors ?? {};
  const server = settings.serverLimits;
  const minutesOf = (seconds: number | null) => (seconds === null ? '' : String(Math.round(seconds / 60)));
  // The server's limit as the placeholder only when it is whole minutes (a "0" would mislead).
  const placeholderOf = (seconds: number) => (seconds % 60 === 0 ? String(seconds / 60) : undefined);
  return (
    <form action={action} className={styles.form} aria-label="Exec settings">
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.notice ? <Alert tone="success">{state.notice}</Alert> : null}
      <label className={styles.inlineLabel}>
        <input type="checkbox" name="operatorsAllowed" defaultChecked={settings.operatorsAllowed} /> Operators
        may open terminals (admins and owners always may; viewers never)
      </label>
      <label className={styles.inlineLabel}>
        <input type="checkbox" name="recordTranscripts" defaultChecked={settings.recordTranscripts} /> Record
        transcripts (each session&apos;s output, up to 5 MiB, for download below)
      </label>
      {errors.operatorsAllowed || errors.recordTranscripts ? (
        <span className={uiStyles.fieldError}>{errors.operatorsAllowed ?? errors.recordTranscripts}</span>
      ) : null}
      <div className={styles.formRow}>
        <Field
          label="Idle timeout (minutes)"
          name="idleTimeoutMinutes"
          inputMode="numeric"
          defaultValue={minutesOf(settings.idleTimeoutS)}
          placeholder={placeholderOf(server.idleTimeoutS)}
          hint={`Blank: the server's ${formatDuration(server.idleTimeoutS * 1000)}, also the most allowed.`}
          error={errors.idleTimeoutMinutes}
        />
        <Field
          label="Maximum duration (minutes)"
          name="maxDurationMinutes"
          inputMode="numeric"
          defaultValue={minutesOf(settings.maxDurationS)}
          placeholder={placeholderOf(server.maxDurationS)}
          hint={`Blank: the server's ${formatDuration(server.maxDurationS * 1000)}, also the most allowed.`}
          error={errors.maxDurationMinutes}
        />
      </div>
      <div className={styles.formActions}>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? 'Saving…' : 'Save exec settings'}
        </Button>
      </div>
    </form>
  );
}
