'use server';

import { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import { setTeamMembership } from '@/lib/api/teams';
import { runSettingsAction } from '../run-settings-action';

/** DELETE /api/v1/teams/:teamId/members/:userId — they stay in the organisation. */
export async function removeTeamMemberAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runSettingsAction(
    form,
    z.object({ teamId: z.string().min(1), userId: z.string().min(1) }),
    '/settings/teams',
    async (api, input) => {
      await setTeamMembership(api, input.teamId, input.userId, false);
      return {};
    },
  );
}
