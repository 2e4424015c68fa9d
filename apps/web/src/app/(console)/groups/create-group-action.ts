'use server';

import type { ActionState } from '@/components/settings/action-state';
import { createContainerGroup } from '@/lib/api/container-groups';
import { ZGroupFormSchema } from './group-form-schema';
import { runGroupAction } from './run-group-action';

/** POST /api/v1/container-groups */
export async function createGroupAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runGroupAction(form, ZGroupFormSchema, async (api, input) => {
    const group = await createContainerGroup(api, input);
    return { notice: `Group ${group.name} created.` };
  });
}
