import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import type { ApiClient } from '@/lib/api/api-client';
import { runSettingsAction } from '../settings/run-settings-action';

/**
 * The settings actions' shape (parse → call → refresh, refusals as form messages) for the
 * alerts section: every page of it (and the bell's count) may change with one write.
 */
export async function runAlertsAction<S extends z.ZodType>(
  form: FormData,
  schema: S,
  call: (api: ApiClient, input: z.infer<S>) => Promise<ActionState>,
): Promise<ActionState> {
  const state = await runSettingsAction(form, schema, '/alerts', call);
  if (!state.error) revalidatePath('/alerts', 'layout');
  return state;
}
