'use server';

import { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import { setImageUpdateSettings } from '@/lib/api/image-updates';
import { runSettingsAction } from '../settings/run-settings-action';

/** Minutes in the form (empty: the server's default); the API checks the range and says it in seconds. */
const ZIntervalFormSchema = z.object({
  checkIntervalMinutes: z
    .string()
    .trim()
    .regex(/^\d*$/, 'whole minutes, or empty for the server default')
    .transform((value) => (value === '' ? null : Number(value) * 60)),
});

/** PUT /api/v1/image-update-settings from the Updates page (admins). */
export async function setIntervalAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runSettingsAction(form, ZIntervalFormSchema, '/updates', async (api, input) => {
    await setImageUpdateSettings(api, { checkIntervalS: input.checkIntervalMinutes });
    return { notice: 'Saved.' };
  });
  if (!state.fieldErrors?.checkIntervalS) return state;
  const { checkIntervalS, ...rest } = state.fieldErrors;
  return { ...state, fieldErrors: { ...rest, checkIntervalMinutes: checkIntervalS } };
}
