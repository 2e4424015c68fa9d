'use client';

import { useActionState } from 'react';
import {
  type CreatedInviteResult,
  createInviteAction,
} from '@/app/(console)/settings/invites/create-invite-action';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, SelectField } from '@/components/ui/field';
import type { Role } from '@/lib/api/identity';
import type { ActionState } from './action-state';
import { EXPIRY_CHOICES, expiryHours } from './form-parsing';
import { SecretOnce } from './secret-once';
import styles from './settings.module.css';

const INVITE_EXPIRY = EXPIRY_CHOICES.filter((choice) => expiryHours(choice.value) <= 720);
const INITIAL: ActionState<CreatedInviteResult> = {};

export function CreateInviteForm({ roles }: { roles: Role[] }) {
  const [state, action, pending] = useActionState(createInviteAction, INITIAL);
  const errors = state.fieldErrors ?? {};
  const created = state.result;
  return (
    <div className={styles.stack}>
      <form key={created?.link ?? 'form'} action={action} className={styles.form}>
        {state.error ? <Alert tone="error">{state.error}</Alert> : null}
        <div className={styles.formRow}>
          <Field label="Email" name="email" type="email" autoComplete="off" required error={errors.email} />
          <SelectField
            label="Role"
            name="role"
            defaultValue="viewer"
            options={roles.map((role) => ({ value: role, label: role }))}
            error={errors.role}
          />
          <SelectField
            label="Link expires after"
            name="expiresIn"
            defaultValue="72h"
            options={INVITE_EXPIRY}
            error={errors.expiresIn}
          />
        </div>
        <div className={styles.formActions}>
          <Button type="submit" variant="primary" disabled={pending}>
            {pending ? 'Creating invite…' : 'Create invite'}
          </Button>
        </div>
      </form>
      {created ? (
        <SecretOnce title={`Invite for ${created.email}`} label="Invite link" value={created.link}>
          <p>
            {created.mailed
              ? `We e-mailed this link to ${created.email}. You can also send it yourself.`
              : 'E-mail is not set up on this server, so nothing was sent: copy the link and send it yourself.'}{' '}
            It works once, only for that address.
          </p>
        </SecretOnce>
      ) : null}
    </div>
  );
}
