'use server';

import type { ActionState } from '@/components/settings/action-state';
import { deleteCheckDefinition } from '@/lib/api/check-definitions';
import { ZCheckRefFormSchema } from './check-definition-form-schema';
import { runCheckDefinitionAction } from './run-check-definition-action';

/** DELETE /api/v1/check-definitions/:id (its stored runs stay). */
export async function deleteCheckDefinitionAction(
  _previous: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runCheckDefinitionAction(form, ZCheckRefFormSchema, async (api, input) => {
    await deleteCheckDefinition(api, input.definitionId);
    return { notice: 'Check deleted.' };
  });
}
