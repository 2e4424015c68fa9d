'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import { deleteContainerGroup } from '@/lib/api/container-groups';
import { runGroupAction } from './run-group-action';

/** DELETE /api/v1/container-groups/:groupId, then back to the list (the group's page is gone). */
export async function deleteGroupAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runGroupAction(form, z.object({ groupId: z.string().min(1) }), async (api, input) => {
    await deleteContainerGroup(api, input.groupId);
    return {};
  });
  if (state.error) return state;
  redirect('/groups');
}
