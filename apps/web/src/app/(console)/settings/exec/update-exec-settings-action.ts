'use server';

import type { ActionState } from '@/components/settings/action-state';
import { ZExecSettingsFormSchema } from '@/components/settings/exec-settings-form-schema';
import { updateExecSettings } from '@/lib/api/exec-sessions';
import { runSettingsAction } from '../run-settings-action';

/** PATCH /api/v1/exec-settings from the Exec settings form (minutes in the form, seconds in the API). */
export async function updateExecSettingsAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runSettingsAction(
    form,
    ZExecSettingsFormSchema,
    '/settings/exec',
    async (api, input) => {
      await updateExecSettings(api, input);
      return { notice: 'Saved.' };
    },
  );
  return withFormFieldNames(state);
}

/** The API names its fields in seconds; the form's are in minutes. */
function withFormFieldNames(state: ActionState): ActionState {
  if (!state.fieldErrors) return state;
  const names: Record<string, string> = {
    idleTimeoutS: 'idleTimeoutMinutes',
    maxDurationS: 'maxDurationMinutes',
  };
  return {
    ...state,
    fieldErrors: Object.fromEntries(
      Object.entries(state.fieldErrors).map(([field, message]) => [names[field] ?? field, message]),
    ),
  };
}
