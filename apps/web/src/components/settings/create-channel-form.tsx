'use client';

import { CHANNEL_KIND_NAMES, CHANNEL_KINDS, type ChannelKind } from '@berth/api-contract';
import { useActionState, useState } from 'react';
import {
  type CreatedChannelResult,
  createChannelAction,
} from '@/app/(console)/settings/notifications/create-channel-action';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, SelectField, TextAreaField } from '@/components/ui/field';
import type { ActionState } from './action-state';
import { CHANNEL_FORM_FIELDS, type ChannelField, isSecretField } from './channel-fields';
import styles from './settings.module.css';

const INITIAL: ActionState<CreatedChannelResult> = {};

/** Pick a kind, fill what it asks for; secret fields are masked and shown back once. */
export function CreateChannelForm() {
  const [state, action, pending] = useActionState(createChannelAction, INITIAL);
  const [kind, setKind] = useState<ChannelKind>('email');
  const errors = state.fieldErrors ?? {};
  const created = state.result;
  return (
    <div className={styles.stack}>
      <form key={created ? `created-${created.name}` : 'form'} action={action} className={styles.form}>
        {state.error ? <Alert tone="error">{state.error}</Alert> : null}
        <div className={styles.formRow}>
          <Field
            label="Name"
            name="name"
            placeholder="ops on-call"
            required
            maxLength={100}
            error={errors.name}
          />
          <SelectField
            label="Kind"
            name="kind"
            value={kind}
            onChange={(event) => setKind(event.target.value as ChannelKind)}
            options={CHANNEL_KIND_NAMES.map((value) => ({ value, label: CHANNEL_KINDS[value].label }))}
            error={errors.kind}
          />
        </div>
        <div className={styles.formRow}>
          {CHANNEL_FORM_FIELDS[kind].map((field) => (
            <ChannelInput
              key={`${kind}-${field.name}`}
              kind={kind}
              field={field}
              error={errors[field.name]}
            />
          ))}
        </div>
        <div className={styles.formActions}>
          <Button type="submit" variant="primary" disabled={pending}>
            {pending ? 'Adding channel…' : 'Add channel'}
          </Button>
        </div>
      </form>
      {created ? (
        <Alert tone="success">
          Channel “{created.name}” added. Its {Object.keys(created.secrets).join(', ') || 'settings'} are
          stored encrypted and will not be shown again; use “Send test” below to check it.
        </Alert>
      ) : null}
    </div>
  );
}

function ChannelInput({
  kind,
  field,
  error,
}: {
  kind: ChannelKind;
  field: ChannelField;
  error?: string | undefined;
}) {
  const secret = isSecretField(kind, field.name);
  const hint = [field.hint, secret ? 'Stored encrypted; never shown again.' : null].filter(Boolean).join(' ');
  if (field.kind === 'lines')
    return (
      <TextAreaField
        label={`${field.label}${field.optional ? ' (optional)' : ''}`}
        name={field.name}
        rows={3}
        placeholder={field.placeholder}
        required={!field.optional}
        hint={hint || undefined}
        error={error}
      />
    );
  return (
    <Field
      label={`${field.label}${field.optional ? ' (optional)' : ''}`}
      name={field.name}
      type={secret ? 'password' : field.kind === 'number' ? 'number' : field.kind === 'url' ? 'url' : 'text'}
      autoComplete="off"
      placeholder={field.placeholder}
      required={!field.optional}
      hint={hint || undefined}
      error={error}
    />
  );
}
