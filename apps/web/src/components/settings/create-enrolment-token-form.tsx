'use client';

import { useRouter } from 'next/navigation';
import { useActionState } from 'react';
import {
  type CreatedEnrolmentResult,
  createEnrolmentTokenAction,
} from '@/app/(console)/settings/enrolment-tokens/create-enrolment-token-action';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, SelectField } from '@/components/ui/field';
import { Time } from '@/components/ui/time';
import { useLiveEvents } from '@/lib/api/live-stream';
import type { ActionState } from './action-state';
import { EXPIRY_CHOICES, formatLabels } from './form-parsing';
import { SecretOnce } from './secret-once';
import styles from './settings.module.css';

const INITIAL: ActionState<CreatedEnrolmentResult> = {};

export function CreateEnrolmentTokenForm() {
  const [state, action, pending] = useActionState(createEnrolmentTokenAction, INITIAL);
  const router = useRouter();
  const errors = state.fieldErrors ?? {};
  const created = state.result;
  // While a command is out, a host enrolling with it updates the list's use count.
  useLiveEvents((event) => {
    if (event.type === 'host.status' || event.type === 'reset') router.refresh();
  }, created !== undefined);
  return (
    <div className={styles.stack}>
      <form key={created?.installCommand ?? 'form'} action={action} className={styles.form}>
        {state.error ? <Alert tone="error">{state.error}</Alert> : null}
        <div className={styles.formRow}>
          <Field
            label="Name"
            name="name"
            defaultValue="Install command"
            required
            maxLength={100}
            error={errors.name}
          />
          <SelectField
            label="Expires after"
            name="expiresIn"
            defaultValue="24h"
            options={EXPIRY_CHOICES}
            error={errors.expiresIn ?? errors.expiresAt}
          />
          <Field
            label="Max uses"
            name="maxUses"
            type="number"
            inputMode="numeric"
            min={1}
            max={100000}
            placeholder="No limit"
            hint="How many hosts may enrol with it."
            error={errors.maxUses}
          />
        </div>
        <Field
          label="Labels"
          name="labelsText"
          placeholder="env=prod, team=web"
          hint="Given to every host enrolled with this token; teams can be limited to hosts by label."
          error={errors.labelsText ?? errors.labels}
        />
        <div className={styles.formActions}>
          <Button type="submit" variant="primary" disabled={pending}>
            {pending ? 'Creating enrolment token…' : 'Create enrolment token'}
          </Button>
        </div>
      </form>
      {created ? (
        <SecretOnce
          title={`Install command for “${created.name}”`}
          label="Install command"
          value={created.installCommand}
        >
          <p>
            Run it as root on each host to enrol. It works until <Time value={created.expiresAt} />
            {created.maxUses ? ` for up to ${created.maxUses} host${created.maxUses === 1 ? '' : 's'}` : ''}
            {Object.keys(created.labels).length ? `, labelling them ${formatLabels(created.labels)}` : ''}. It
            contains the token's secret, so it is shown only now.
          </p>
        </SecretOnce>
      ) : null}
    </div>
  );
}
