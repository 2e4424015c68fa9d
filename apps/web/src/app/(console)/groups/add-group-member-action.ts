'use server';

import type { ActionState } from '@/components/settings/action-state';
import { setGroupMembership } from '@/lib/api/container-groups';
import { ZMemberFormSchema } from './group-form-schema';
import { runGroupAction } from './run-group-action';

/** PUT /api/v1/container-groups/:groupId/members/:hostId/:containerName (idempotent). */
export async function addGroupMemberAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runGroupAction(form, ZMemberFormSchema, async (api, member) => {
    await setGroupMembership(api, member, true);
    return { notice: `${member.containerName} added.` };
  });
}
