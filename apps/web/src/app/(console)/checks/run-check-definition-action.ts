import { refresh, revalidatePath } from 'next/cache';
import type { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import type { ApiClient } from '@/lib/api/api-client';
import { runSettingsAction } from '../settings/run-settings-action';

/** The settings actions' shape for check definitions, which show on the container pages. */
export async function runCheckDefinitionAction<S extends z.ZodType>(
  form: FormData,
  schema: S,
  call: (api: ApiClient, input: z.infer<S>) => Promise<ActionState>,
): Promise<ActionState> {
  const state = await runSettingsAction(form, schema, '/checks', call);
  if (!state.error) {
    revalidatePath('/hosts/[hostId]/containers/[containerId]', 'page');
    // The container page that posted the form re-reads its list now (the pattern above covers
    // other open container pages on their next navigation).
    refresh();
  }
  return state;
}
