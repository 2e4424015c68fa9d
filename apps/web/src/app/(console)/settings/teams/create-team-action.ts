'use server';

import type { ActionState } from '@/components/settings/action-state';
import { createTeam } from '@/lib/api/teams';
import { runSettingsAction } from '../run-settings-action';
import { ZTeamFormSchema } from './team-form-schema';

/** POST /api/v1/teams — optionally limited to hosts carrying every label of `hostSelector`. */
export async function createTeamAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runSettingsAction(form, ZTeamFormSchema, '/settings/teams', async (api, input) => {
    const team = await createTeam(api, input);
    return { notice: `Team ${team.name} created.` };
  });
}
