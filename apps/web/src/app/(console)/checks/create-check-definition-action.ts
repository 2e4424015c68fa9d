'use server';

import type { ActionState } from '@/components/settings/action-state';
import { createCheckDefinition } from '@/lib/api/check-definitions';
import { ZNewCheckFormSchema } from './check-definition-form-schema';
import { runCheckDefinitionAction } from './run-check-definition-action';

/** POST /api/v1/check-definitions from the container page's "Add check" form. */
export async function createCheckDefinitionAction(
  _previous: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runCheckDefinitionAction(form, ZNewCheckFormSchema, async (api, input) => {
    const created = await createCheckDefinition(api, input);
    return { notice: `Check ${created.name} added; the agent runs it within a few seconds.` };
  });
}
