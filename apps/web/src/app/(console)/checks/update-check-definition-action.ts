'use server';

import type { ActionState } from '@/components/settings/action-state';
import { updateCheckDefinition } from '@/lib/api/check-definitions';
import { ZCheckRefFormSchema, ZEditCheckFormSchema } from './check-definition-form-schema';
import { runCheckDefinitionAction } from './run-check-definition-action';

/** PATCH /api/v1/check-definitions/:id with a new spec (the edit form). */
export async function updateCheckDefinitionAction(
  _previous: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runCheckDefinitionAction(form, ZEditCheckFormSchema, async (api, input) => {
    const changed = await updateCheckDefinition(api, input.definitionId, { spec: input.spec });
    return { notice: `Check ${changed.name} saved.` };
  });
}

/** PATCH /api/v1/check-definitions/:id `{ enabled }` (pause / resume). */
export async function toggleCheckDefinitionAction(
  _previous: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runCheckDefinitionAction(form, ZCheckRefFormSchema, async (api, input) => {
    const changed = await updateCheckDefinition(api, input.definitionId, {
      enabled: input.enabled === 'true',
    });
    return { notice: `Check ${changed.name} ${changed.enabled ? 'resumed' : 'paused'}.` };
  });
}
