'use client';

import { useActionState, useMemo, useState } from 'react';
import { addGroupMemberAction } from '@/app/(console)/groups/add-group-member-action';
import { type ActionState, INITIAL_ACTION_STATE } from '@/components/settings/action-state';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/field';
import { type ContainerChoice, memberChoicesByHost } from '@/lib/fleet/group-member-choices';
import styles from './groups.module.css';

type AddMemberFormProps = {
  groupId: string;
  hosts: readonly { id: string; name: string }[];
  containers: readonly ContainerChoice[];
  members: readonly { hostId: string; containerName: string }[];
};

/** Pick a host, then one of its containers by name: the member follows that name on that host. */
export function AddMemberForm({ groupId, hosts, containers, members }: AddMemberFormProps) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(
    addGroupMemberAction,
    INITIAL_ACTION_STATE,
  );
  const choices = useMemo(() => memberChoicesByHost(containers, members), [containers, members]);
  const offered = hosts.filter((host) => choices.has(host.id));
  const [picked, setPicked] = useState(offered[0]?.id ?? '');
  // After an add, the picked host may have nothing left to offer: fall back to the first that has.
  const hostId = choices.has(picked) ? picked : (offered[0]?.id ?? '');
  const names = choices.get(hostId) ?? [];
  const errors = state.fieldErrors ?? {};
  if (offered.length === 0) {
    return <p className={styles.muted}>Every container you can see is already in this group.</p>;
  }
  return (
    <form action={formAction} aria-label="Add a container">
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.notice ? <Alert tone="success">{state.notice}</Alert> : null}
      <input type="hidden" name="groupId" value={groupId} />
      <div className={styles.inline}>
        <SelectField
          id="add-member-host"
          label="Host"
          name="hostId"
          value={hostId}
          onChange={(event) => setPicked(event.target.value)}
          options={offered.map((host) => ({ value: host.id, label: host.name }))}
          error={errors.hostId}
        />
        <SelectField
          key={hostId}
          id="add-member-container"
          label="Container"
          name="containerName"
          options={names.map((name) => ({ value: name, label: name }))}
          error={errors.containerName}
        />
        <Button type="submit" disabled={pending || names.length === 0}>
          {pending ? 'Adding…' : 'Add container'}
        </Button>
      </div>
    </form>
  );
}
