'use client';

import { useActionState } from 'react';
import { addGroupMemberAction } from '@/app/(console)/groups/add-group-member-action';
import { removeGroupMemberAction } from '@/app/(console)/groups/remove-group-member-action';
import { type ActionState, INITIAL_ACTION_STATE } from '@/components/settings/action-state';
import settings from '@/components/settings/settings.module.css';
import { Button } from '@/components/ui/button';
import type { GroupChip as Chip } from '@/lib/api/container-groups';
import { GroupChip } from './group-chip';
import styles from './groups.module.css';

type ContainerGroupsFactProps = {
  container: { hostId: string; name: string };
  groups: readonly Chip[];
  /** Every group of the organisation, for "add to group"; null: the caller may not change membership. */
  allGroups: readonly Chip[] | null;
};

/** The container's groups as chips; operators can take it out of one or add it to another. */
export function ContainerGroupsFact({ container, groups, allGroups }: ContainerGroupsFactProps) {
  const member = { hostId: container.hostId, containerName: container.name };
  const joinable = (allGroups ?? []).filter((group) => !groups.some((own) => own.id === group.id));
  return (
    <span className={styles.chips}>
      {groups.length === 0 ? <span className={styles.muted}>none</span> : null}
      {groups.map((group) => (
        <span key={group.id} className={styles.chips}>
          <GroupChip group={group} />
          {allGroups ? (
            <MemberButton
              action={removeGroupMemberAction}
              fields={{ ...member, groupId: group.id }}
              label="×"
              ariaLabel={`Remove from group ${group.name}`}
            />
          ) : null}
        </span>
      ))}
      {allGroups && joinable.length ? <AddToGroup member={member} groups={joinable} /> : null}
    </span>
  );
}

type Action = (previous: ActionState, form: FormData) => Promise<ActionState>;

function MemberButton({
  action,
  fields,
  label,
  ariaLabel,
}: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  ariaLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  return (
    <form action={formAction} className={settings.inlineForm}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={styles.remove} aria-label={ariaLabel} disabled={pending}>
        {label}
      </button>
      {state.error ? (
        <span role="alert" className={settings.inlineError}>
          {state.error}
        </span>
      ) : null}
    </form>
  );
}

function AddToGroup({
  member,
  groups,
}: {
  member: { hostId: string; containerName: string };
  groups: readonly Chip[];
}) {
  const [state, formAction, pending] = useActionState(addGroupMemberAction, INITIAL_ACTION_STATE);
  return (
    <form action={formAction} className={settings.inlineForm} aria-label="Add to group">
      <input type="hidden" name="hostId" value={member.hostId} />
      <input type="hidden" name="containerName" value={member.containerName} />
      <select name="groupId" aria-label="Group to add to" defaultValue={groups[0]?.id}>
        {groups.map((group) => (
          <option key={group.id} value={group.id}>
            {group.name}
          </option>
        ))}
      </select>
      <Button type="submit" size="small" variant="secondary" disabled={pending}>
        {pending ? 'Adding…' : 'Add to group'}
      </Button>
      {state.error ? (
        <span role="alert" className={settings.inlineError}>
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
