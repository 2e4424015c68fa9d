'use server';

import { ZRoleSchema } from '@berth/api-contract';
import { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import { changeMemberRole } from '@/lib/api/members';
import { runSettingsAction } from '../run-settings-action';

const ZChangeRoleFormSchema = z.object({ userId: z.string().min(1), role: ZRoleSchema });

/** PATCH /api/v1/members/:userId — the API refuses demoting the last owner (409), shown as is. */
export async function changeRoleAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runSettingsAction(form, ZChangeRoleFormSchema, '/settings/members', async (api, input) => {
    await changeMemberRole(api, input.userId, input.role);
    return { notice: `Now ${input.role}.` };
  });
}
