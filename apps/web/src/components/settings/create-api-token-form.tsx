'use client';

import { useActionState } from 'react';
import {
  type CreatedApiTokenResult,
  createApiTokenAction,
} from '@/app/(console)/settings/api-tokens/create-api-token-action';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, SelectField } from '@/components/ui/field';
import type { Role } from '@/lib/api/identity';
import type { ActionState } from './action-state';
import { EXPIRY_CHOICES } from './form-parsing';
import { SecretOnce } from './secret-once';
import styles from './settings.module.css';

const INITIAL: ActionState<CreatedApiTokenResult> = {};
const EXPIRY_OPTIONS = [...EXPIRY_CHOICES, { value: 'never', label: 'Never' }];

export function CreateApiTokenForm({ roles }: { roles: Role[] }) {
  const [state, action, pending] = useActionState(createApiTokenAction, INITIAL);
  const errors = state.fieldErrors ?? {};
  const created = state.result;
  return (
    <div className={styles.stack}>
      <form key={created?.secret ?? 'form'} action={action} className={styles.form}>
        {state.error ? <Alert tone="error">{state.error}</Alert> : null}
        <div className={styles.formRow}>
          <Field
            label="Name"
            name="name"
            placeholder="ci-deploy"
            required
            maxLength={100}
            error={errors.name}
          />
          <SelectField
            label="Role"
            name="role"
            defaultValue="viewer"
            options={roles.map((role) => ({ value: role, label: role }))}
            hint="At most your own role."
            error={errors.role}
          />
          <SelectField
            label="Expires after"
            name="expiresIn"
            defaultValue="90d"
            options={EXPIRY_OPTIONS}
            error={errors.expiresIn ?? errors.expiresAt}
          />
        </div>
        <div className={styles.formActions}>
          <Button type="submit" variant="primary" disabled={pending}>
            {pending ? 'Creating API token…' : 'Create API token'}
          </Button>
        </div>
      </form>
      {created ? (
        <SecretOnce title={`API token “${created.name}” created`} label="API token" value={created.secret}>
          <p>
            Copy it now: Berth keeps only a hash, so this is the only time it is shown. If it is lost, revoke
            it and create another.
          </p>
        </SecretOnce>
      ) : null}
    </div>
  );
}
