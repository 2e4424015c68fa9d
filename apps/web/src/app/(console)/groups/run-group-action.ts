import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import type { ApiClient } from '@/lib/api/api-client';
import { runSettingsAction } from '../settings/run-settings-action';

/**
 * The settings actions' shape (parse → call → refresh, API refusals as form messages) for
 * group writes, which show on the groups pages and on every container page (its chips).
 */
export async function runGroupAction<S extends z.ZodType>(
  form: FormData,
  schema: S,
  call: (api: ApiClient, input: z.infer<S>) => Promise<ActionState>,
): Promise<ActionState> {
  const state = await runSettingsAction(form, schema, '/groups', call);
  if (!state.error) {
    revalidatePath('/groups', 'layout');
    revalidatePath('/hosts/[hostId]/containers/[containerId]', 'page');
    revalidatePath('/containers');
  }
  return state;
}
