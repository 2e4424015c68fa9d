'use server';

import { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import { deleteTeam } from '@/lib/api/teams';
import { runSettingsAction } from '../run-settings-action';

/** DELETE /api/v1/teams/:teamId — the members stay in the organisation. */
export async function deleteTeamAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runSettingsAction(
    form,
    z.object({ teamId: z.string().min(1) }),
    '/settings/teams',
    async (api, input) => {
      await deleteTeam(api, input.teamId);
      return {};
    },
  );
}
