'use server';

import type { ActionState } from '@/components/settings/action-state';
import { setGroupMembership } from '@/lib/api/container-groups';
import { ZMemberFormSchema } from './group-form-schema';
import { runGroupAction } from './run-group-action';

/** DELETE /api/v1/container-groups/:groupId/members/:hostId/:containerName */
export async function removeGroupMemberAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runGroupAction(form, ZMemberFormSchema, async (api, member) => {
    await setGroupMembership(api, member, false);
    return {};
  });
}
