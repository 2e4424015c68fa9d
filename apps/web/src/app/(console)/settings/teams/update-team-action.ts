'use server';

import { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import { updateTeam } from '@/lib/api/teams';
import { runSettingsAction } from '../run-settings-action';
import { ZTeamFormSchema } from './team-form-schema';

/** PATCH /api/v1/teams/:teamId — name and host restriction (empty labels lift it). */
export async function updateTeamAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runSettingsAction(
    form,
    ZTeamFormSchema.extend({ teamId: z.string().min(1) }),
    '/settings/teams',
    async (api, { teamId, ...change }) => {
      await updateTeam(api, teamId, change);
      return { notice: 'Saved.' };
    },
  );
}
