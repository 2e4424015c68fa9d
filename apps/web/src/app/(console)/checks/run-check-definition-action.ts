import { refresh, revalidatePath } from 'next/cache';
import type { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import type { ApiClient } from '@/lib/api/api-client';
import { runSettingsAction } from '../settings/run-settings-action';

/** The settings actions' shape for check definitions, which show on the container and group pages. */
export async function runCheckDefinitionAction<S extends z.ZodType>(
  form: FormData,
  schema: S,
  call: (api: ApiClient, input: z.infer<S>) => Promise<ActionState>,
): Promise<ActionState> {
  const state = await runSettingsAction(form, schema, '/checks', call);
  if (!state.error) {
    revalidatePath('/hosts/[hostId]/containers/[containerId]', 'page');
    revalidatePath('/groups/[groupId]', 'page');
    // The page that posted the form re-reads its list now (the patterns above cover other open
    // container and group pages on their next navigation).
    refresh();
  }
  return state;
}
