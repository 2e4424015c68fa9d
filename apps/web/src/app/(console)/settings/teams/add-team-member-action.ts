'use server';

import { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import { setTeamMembership } from '@/lib/api/teams';
import { runSettingsAction } from '../run-settings-action';

const ZAddMemberFormSchema = z.object({
  teamId: z.string().min(1),
  userId: z.string().min(1, 'Choose a member'),
});

/** PUT /api/v1/teams/:teamId/members/:userId */
export async function addTeamMemberAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runSettingsAction(form, ZAddMemberFormSchema, '/settings/teams', async (api, input) => {
    await setTeamMembership(api, input.teamId, input.userId, true);
    return {};
  });
}
