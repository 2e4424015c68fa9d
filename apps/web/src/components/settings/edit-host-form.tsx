'use client';

import { useActionState, useEffect, useState } from 'react';
import { updateHostAction } from '@/app/(console)/settings/hosts/update-host-action';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import type { ManagedHost } from '@/lib/api/host-admin';
import { INITIAL_ACTION_STATE } from './action-state';
import { formatLabels } from './form-parsing';
import styles from './settings.module.css';

/** "Edit" opens a small dialog with the host's name and labels; it closes once saved. */
export function EditHostButton({ host }: { host: ManagedHost }) {
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState(updateHostAction, INITIAL_ACTION_STATE);
  const errors = state.fieldErrors ?? {};
  const labels = formatLabels(host.labels);
  useEffect(() => {
    if (state.notice) setOpen(false);
  }, [state]);
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} aria-label={`Edit host ${host.name}`}>
        Edit
      </Button>
      <form action={action} className={styles.inlineForm}>
        <input type="hidden" name="hostId" value={host.id} />
        <input type="hidden" name="previousName" value={host.name} />
        <input type="hidden" name="previousLabelsText" value={labels} />
        <ConfirmDialog
          open={open}
          title={`Edit ${host.name}`}
          confirmLabel="Save"
          pending={pending}
          onCancel={() => setOpen(false)}
        >
          {state.error ? <Alert tone="error">{state.error}</Alert> : null}
          <Field
            id={`host-${host.id}-name`}
            label="Name"
            name="name"
            defaultValue={host.name}
            required
            maxLength={100}
            error={errors.name}
          />
          <Field
            id={`host-${host.id}-labels`}
            label="Labels"
            name="labelsText"
            defaultValue={labels}
            placeholder="env=prod, team=web"
            hint="Comma-separated key=value pairs. They replace the current labels."
            error={errors.labelsText ?? errors.labels}
          />
        </ConfirmDialog>
      </form>
    </>
  );
}
