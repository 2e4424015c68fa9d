'use server';

import { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import { updateContainerGroup } from '@/lib/api/container-groups';
import { ZGroupFormSchema } from './group-form-schema';
import { runGroupAction } from './run-group-action';

/** PATCH /api/v1/container-groups/:groupId — name, colour and description as the form has them. */
export async function updateGroupAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runGroupAction(
    form,
    ZGroupFormSchema.extend({ groupId: z.string().min(1) }),
    async (api, { groupId, ...change }) => {
      const group = await updateContainerGroup(api, groupId, change);
      return { notice: `Group ${group.name} saved.` };
    },
  );
}
